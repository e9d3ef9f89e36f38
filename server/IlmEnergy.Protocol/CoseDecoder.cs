using System.Formats.Cbor;

namespace IlmEnergy.Protocol;

/// <summary>
/// Envelope stages of docs/protocol.md §2: well-formed deterministic CBOR, tag 18 around
/// [bstr, map, bstr, bstr], protected header exactly {1: -8}, unprotected header exactly {4: 32-byte kid}.
/// Returns false with the reason instead of throwing; the only exceptions involved are CborReader's own
/// for malformed bytes, caught here.
/// </summary>
internal static class CoseDecoder
{
    // {4: h'<32 bytes>'}: A1 (map of 1), 04 (key 4), 58 20 (bstr of 32).
    private static ReadOnlySpan<byte> KidHeaderPrefix => [0xA1, 0x04, 0x58, 0x20];

    private const int CoseHeaderAlg = 1;
    private const int CoseHeaderKid = 4;
    private const int CoseAlgEdDsa = -8;

    /// <summary>Stage 1: the whole message is one deterministic CBOR item shaped like COSE_Sign1.</summary>
    public static bool TryReadEnvelope(ReadOnlyMemory<byte> message, out CoseSign1Envelope envelope, out Rejection rejection)
    {
        try
        {
            if (TryReadShape(message, out envelope, out rejection))
                return true;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException)
        {
            // CborReader's answer to malformed or non-deterministic bytes (InvalidOperationException for
            // some invalid heads, e.g. F8 00); the check below names the problem.
            envelope = default;
            rejection = new(RejectReason.MalformedCbor, e.Message);
        }
        // A rejected message: malformed bytes anywhere take precedence over a shape problem seen before
        // the reader reached them. Checked only here, so accepted messages are read once.
        if (!CborRules.IsSingleDeterministicItem(message, out string problem))
            rejection = new(RejectReason.MalformedCbor, problem);
        return false;
    }

    private static bool TryReadShape(ReadOnlyMemory<byte> message, out CoseSign1Envelope envelope, out Rejection rejection)
    {
        envelope = default;
        // Canonical mode: every read below also enforces deterministic encoding.
        var reader = new CborReader(message, CborRules.Mode);
        if (reader.PeekState() != CborReaderState.Tag)
            return NotCose("the message is not tagged; tag 18 (COSE_Sign1) is required", out rejection);
        var tag = reader.ReadTag();
        if (tag != CborRules.CoseSign1Tag)
            return NotCose($"tag {(ulong)tag}, expected 18 (COSE_Sign1)", out rejection);
        if (reader.PeekState() != CborReaderState.StartArray)
            return NotCose("tag 18 must wrap an array", out rejection);
        int? count = reader.ReadStartArray();
        if (count != 4)
            return NotCose($"COSE_Sign1 array has {count} items, expected 4", out rejection);

        if (reader.PeekState() != CborReaderState.ByteString)
            return NotCose("item 0 (protected header) must be a byte string", out rejection);
        var protectedHeader = reader.ReadDefiniteLengthByteString();

        if (reader.PeekState() != CborReaderState.StartMap)
            return NotCose("item 1 (unprotected header) must be a map", out rejection);
        int mapStart = message.Length - reader.BytesRemaining;
        reader.SkipValue();
        var unprotectedHeader = message[mapStart..(message.Length - reader.BytesRemaining)];

        if (reader.PeekState() != CborReaderState.ByteString)
            return NotCose("item 2 (payload) must be a byte string (detached payloads are not allowed)", out rejection);
        var payload = reader.ReadDefiniteLengthByteString();

        if (reader.PeekState() != CborReaderState.ByteString)
            return NotCose("item 3 (signature) must be a byte string", out rejection);
        var signature = reader.ReadDefiniteLengthByteString();
        reader.ReadEndArray();
        if (reader.BytesRemaining != 0)
        {
            rejection = new(RejectReason.MalformedCbor, $"{reader.BytesRemaining} byte(s) after the top-level item");
            return false;
        }

        envelope = new CoseSign1Envelope(protectedHeader, unprotectedHeader, payload, signature);
        rejection = default;
        return true;
    }

    /// <summary>Stage 2: the protected header is exactly {1: -8} (EdDSA).</summary>
    public static bool TryCheckAlgorithm(ReadOnlyMemory<byte> protectedHeader, out Rejection rejection)
    {
        rejection = default;
        if (protectedHeader.Span.SequenceEqual(SigStructure.ProtectedHeader))
            return true;

        // RFC 9052 encodes "no protected headers" as an empty bstr: well-formed COSE, but v1 needs the alg.
        if (protectedHeader.IsEmpty)
        {
            rejection = new(RejectReason.NotCoseSign1, "protected header is empty; it must be exactly {1: -8}");
            return false;
        }
        if (!CborRules.IsSingleDeterministicItem(protectedHeader, out string problem))
        {
            rejection = new(RejectReason.MalformedCbor, "protected header: " + problem);
            return false;
        }
        var reader = new CborReader(protectedHeader, CborRules.Mode);
        if (reader.PeekState() == CborReaderState.StartMap && reader.ReadStartMap() == 1
            && reader.PeekState() == CborReaderState.UnsignedInteger && reader.ReadUInt64() == CoseHeaderAlg)
        {
            string alg = reader.PeekState() switch
            {
                CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => DescribeInteger(reader),
                CborReaderState.TextString => $"\"{reader.ReadTextString()}\"",
                _ => reader.PeekState().ToString(),
            };
            rejection = new(RejectReason.UnsupportedAlgorithm, $"alg {alg}; only EdDSA (-8) is supported");
            return false;
        }
        rejection = new(RejectReason.NotCoseSign1,
            $"protected header must be exactly {{1: -8}} (A10127), got {Convert.ToHexString(protectedHeader.Span)}");
        return false;
    }

    /// <summary>
    /// Stage 3: the unprotected header is exactly {4: bstr of 32 bytes} and the bytes are a canonical,
    /// not small-order key encoding; returns the kid.
    /// </summary>
    public static bool TryReadKeyId(ReadOnlyMemory<byte> unprotectedHeader, out ReadOnlyMemory<byte> keyId, out Rejection rejection)
    {
        rejection = default;
        var span = unprotectedHeader.Span;
        if (span.Length == KidHeaderPrefix.Length + ProtocolLimits.KeyBytes && span.StartsWith(KidHeaderPrefix))
        {
            keyId = unprotectedHeader[KidHeaderPrefix.Length..];
            // Cheap checks now; whether y is on the curve is settled after verification (SignatureVerifier).
            if (Ed25519PublicKeyCheck.HasValidForm(keyId.Span, out string problem))
                return true;
            rejection = new(RejectReason.BadKeyId, "kid is not a valid Ed25519 public key: " + problem);
            return false;
        }

        keyId = default;
        // Already known to be a well-formed map (stage 1); say precisely what is wrong with it.
        var reader = new CborReader(unprotectedHeader, CborRules.Mode);
        int? entries = reader.ReadStartMap();
        string detail;
        if (entries != 1)
            detail = $"unprotected header has {entries} entries, expected exactly {{4: kid}}";
        else if (reader.PeekState() != CborReaderState.UnsignedInteger || reader.ReadUInt64() != CoseHeaderKid)
            detail = "unprotected header must hold only label 4 (kid)";
        else if (reader.PeekState() != CborReaderState.ByteString)
            detail = "kid must be a byte string";
        else
            detail = $"kid is {reader.ReadDefiniteLengthByteString().Length} bytes, expected {ProtocolLimits.KeyBytes}";
        rejection = new(RejectReason.BadKeyId, detail);
        return false;
    }

    private static string DescribeInteger(CborReader reader) =>
        reader.PeekState() == CborReaderState.UnsignedInteger
            ? reader.ReadUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "-" + ((System.Numerics.BigInteger)reader.ReadCborNegativeIntegerRepresentation() + 1);

    private static bool NotCose(string detail, out Rejection rejection)
    {
        rejection = new(RejectReason.NotCoseSign1, detail);
        return false;
    }
}
