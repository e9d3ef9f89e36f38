using System.Formats.Cbor;

namespace IlmEnergy.Protocol;

/// <summary>How every CBOR item of the protocol is read.</summary>
internal static class CborRules
{
    /// <summary>
    /// The protocol requires RFC 8949 §4.2.1 core deterministic encoding: definite lengths, shortest-form
    /// integers and lengths, map keys sorted bytewise, no duplicates. System.Formats.Cbor offers
    /// <see cref="CborConformanceMode.Canonical"/> (RFC 7049 §3.9 canonical: keys sorted length-first, then
    /// bytewise) and <see cref="CborConformanceMode.Ctap2Canonical"/> (CTAP2: same key order, but it forbids
    /// tags, so it would reject the COSE tag 18 itself). Every map key in this protocol is an unsigned
    /// integer, and for those the length-first and the bytewise orders are identical (a shorter head is
    /// always a smaller value), so <c>Canonical</c> enforces exactly RFC 8949 deterministic encoding for
    /// our shapes. The orders differ only for maps mixing key types of different head lengths (e.g. 256
    /// and "a"); no valid v1 message has such a map, so at worst such a message gets MalformedCbor where
    /// SchemaViolation would also be true. Canonical also validates UTF-8 in text strings.
    /// </summary>
    public const CborConformanceMode Mode = CborConformanceMode.Canonical;

    /// <summary>COSE_Sign1 tag (RFC 9052 §4.2).</summary>
    public const CborTag CoseSign1Tag = (CborTag)18;

    /// <summary>
    /// True when <paramref name="data"/> holds exactly one well-formed, deterministically encoded item;
    /// otherwise <paramref name="problem"/> says why.
    /// </summary>
    public static bool IsSingleDeterministicItem(ReadOnlyMemory<byte> data, out string problem)
    {
        try
        {
            var reader = new CborReader(data, Mode);
            reader.SkipValue();
            if (reader.BytesRemaining != 0)
            {
                problem = $"{reader.BytesRemaining} byte(s) after the top-level item";
                return false;
            }
        }
        catch (CborContentException e)
        {
            problem = e.Message;
            return false;
        }
        catch (InvalidOperationException e)
        {
            // CborReader raises this (not CborContentException) for some invalid heads, e.g. a
            // two-byte simple value below 32 (F8 00..F8 1F), found by the fuzz tests.
            problem = e.Message;
            return false;
        }
        problem = "";
        return true;
    }
}
