using System.Formats.Cbor;
using NSec.Cryptography;

namespace IlmEnergy.Protocol.Tests;

/// <summary>Raw CBOR bytes inserted as-is, to craft encodings CborWriter would refuse to produce.</summary>
public sealed record RawCbor(byte[] Bytes);

/// <summary>
/// An encoder written independently of the library (System.Formats.Cbor writer + NSec), so the tests
/// do not check the decoder against its own code. Payloads are dictionaries of key → value so tests
/// can drop, add or change single fields.
/// </summary>
public static class TestEncoder
{
    public static readonly byte[] EdDsaProtectedHeader = [0xA1, 0x01, 0x27];

    public static Key NewKey(byte seed) =>
        Key.Import(SignatureAlgorithm.Ed25519, Enumerable.Repeat(seed, 32).ToArray(), KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static byte[] PublicKeyOf(Key key) => key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>A realistic 6-sample batch: 10 s samples of a ~60 W load on 230 V.</summary>
    public static SortedDictionary<ulong, object> ReadingsPayload(int samples = 6)
    {
        var list = new List<object>();
        long t = 1_763_971_200_000, e = 1_234_567;
        for (int s = 0; s < samples; s++)
        {
            t += 10_000;
            e += 167 + s % 2;
            list.Add(new object[] { (ulong)t, (ulong)e, 60_250L - s * 13, 230_120UL + (ulong)s, 262UL, true });
        }
        return new()
        {
            [0] = 1UL, [1] = 1UL, [2] = 1042UL, [3] = 7UL, [4] = "athom-plug-v3", [5] = "0.1.0+g1a2b3c",
            [6] = 0UL, [7] = list.ToArray(),
        };
    }

    public static SortedDictionary<ulong, object> HelloPayload() => new()
    {
        [0] = 2UL, [1] = 1UL, [3] = 7UL, [4] = "athom-plug-v3", [5] = "0.1.0", [6] = 0x40UL,
        [10] = 1_763_971_200_123UL, [11] = 1043UL,
    };

    public static SortedDictionary<ulong, object> DrCommandPayload(byte[] device) => new()
    {
        [0] = 3UL, [1] = 1UL, [20] = "cmd-0001", [21] = device, [22] = 1UL,
        [23] = 1_763_971_800_000UL, [24] = 1_763_975_400_000UL, [25] = 1_763_971_200_000UL,
        [26] = 1_763_971_700_000UL, [27] = "evt-2026-11-24-a",
    };

    public static byte[] EncodePayload(IDictionary<ulong, object> entries)
    {
        // Lax writer: the dictionary is already sorted; RawCbor may deliberately break the rules.
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.WriteUInt64(key);
            WriteValue(writer, value);
        }
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static void WriteValue(CborWriter writer, object value)
    {
        switch (value)
        {
            case ulong u: writer.WriteUInt64(u); break;
            case long l: writer.WriteInt64(l); break;
            case int i: writer.WriteInt32(i); break;
            case bool b: writer.WriteBoolean(b); break;
            case string s: writer.WriteTextString(s); break;
            case byte[] bytes: writer.WriteByteString(bytes); break;
            case RawCbor raw: writer.WriteEncodedValue(raw.Bytes); break;
            case object[] items:
                writer.WriteStartArray(items.Length);
                foreach (var item in items)
                    WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default: throw new ArgumentException($"unsupported test value {value.GetType()}");
        }
    }

    /// <summary>The COSE Sig_structure, built with CborWriter (not the library's hand-written one).</summary>
    public static byte[] SigStructure(byte[] protectedHeader, byte[] payload)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Signs <paramref name="payload"/> and wraps it in COSE_Sign1, with optional deviations.</summary>
    public static byte[] Sign(byte[] payload, Key key, EnvelopeOptions? options = null)
    {
        options ??= new EnvelopeOptions();
        byte[] signature = SignatureAlgorithm.Ed25519.Sign(key, SigStructure(options.ProtectedHeader, payload));
        if (options.Signature is not null)
            signature = options.Signature(signature);
        byte[] kid = options.KeyId ?? PublicKeyOf(key);

        var writer = new CborWriter(CborConformanceMode.Lax);
        if (options.Tag is { } tag)
            writer.WriteTag((CborTag)tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(options.ProtectedHeader);
        if (options.UnprotectedHeader is { } raw)
            writer.WriteEncodedValue(raw);
        else
        {
            writer.WriteStartMap(1);
            writer.WriteUInt64(4);
            writer.WriteByteString(kid);
            writer.WriteEndMap();
        }
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    public static byte[] SignedReadings(Key key, int samples = 6) => Sign(EncodePayload(ReadingsPayload(samples)), key);
}

/// <summary>Deviations from a correct envelope, for crafting rejections.</summary>
public sealed record EnvelopeOptions
{
    public ulong? Tag { get; init; } = 18;
    public byte[] ProtectedHeader { get; init; } = TestEncoder.EdDsaProtectedHeader;
    public byte[]? UnprotectedHeader { get; init; }
    public byte[]? KeyId { get; init; }
    public Func<byte[], byte[]>? Signature { get; init; }
}
