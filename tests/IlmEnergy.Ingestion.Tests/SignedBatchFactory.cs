using IlmEnergy.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.Ingestion.Tests;

/// <summary>A virtual plug for tests: its own Ed25519 key, consistent samples, signed batches.</summary>
internal sealed class SignedBatchFactory : IDisposable
{
    private readonly Key key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public SignedBatchFactory(string board = "shelly-plug-s-gen3") => Board = board;

    public string Board { get; }

    public string DeviceId => IlmEnergy.Protocol.DeviceId.FromPublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).ToString();

    public byte[] PublicKey => key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public string Topic => $"ilm/v1/dev/{DeviceId}/readings";

    /// <summary>Six 10-second samples at <paramref name="powerMw"/>, the batch ending at <paramref name="endMs"/>, energy starting at <paramref name="startEnergy"/>.</summary>
    public ReadingBatch Batch(long seq, long endMs, long startEnergy, int powerMw = 100_000, ReadingFlags flags = ReadingFlags.None)
    {
        var step = (long)powerMw * 10_000 / 3_600_000;
        var samples = Enumerable.Range(0, 6)
            .Select(k => new ReadingSample(endMs - (5 - k) * 10_000L, startEnergy + k * step, powerMw, 230_000, (uint)(powerMw / 200), true))
            .ToList();
        return new ReadingBatch(seq, 1, Board, "1.0.0", flags, samples, 0, []);
    }

    public byte[] Sign(ProtocolMessage message) => CoseSign1Signer.Sign(message switch
    {
        ReadingBatch batch => PayloadEncoder.Encode(batch),
        HelloMessage hello => PayloadEncoder.Encode(hello),
        _ => throw new ArgumentException("unsupported message"),
    }, key);

    /// <summary>Signed bytes of batch <paramref name="seq"/> in a steady 100 W stream that started at <paramref name="originMs"/>.</summary>
    public byte[] SignedInStream(long seq, long originMs) =>
        Sign(Batch(seq, originMs + seq * 60_000, 1_000_000 + seq * 6 * 277));

    public void Dispose() => key.Dispose();
}
