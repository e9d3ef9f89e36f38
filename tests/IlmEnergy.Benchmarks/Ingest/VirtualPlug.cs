using IlmEnergy.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// A simulated smart plug: its own Ed25519 key and signed readings batches (docs/protocol.md §3.1)
/// whose values pass every acceptance rule of §5 unless a caller asks for something else.
/// </summary>
public sealed class VirtualPlug : IDisposable
{
    public const string DefaultBoard = "shelly-plug-s-gen3";
    public const int SamplesPerBatch = 6;
    public const long SamplePeriodMs = 10_000;
    public const long BatchPeriodMs = SamplesPerBatch * SamplePeriodMs;
    public const int SteadyPowerMw = 100_000;
    public const long InitialEnergyMwh = 1_000_000;

    private readonly Key key;

    public VirtualPlug(string board = DefaultBoard)
    {
        key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        DeviceId = IlmEnergy.Protocol.DeviceId.FromPublicKey(PublicKey).ToString();
        Board = board;
    }

    public string DeviceId { get; }

    public byte[] PublicKey { get; }

    public string Board { get; }

    /// <summary>The topic this plug publishes readings on (docs/protocol.md §4).</summary>
    public string ReadingsTopic => $"ilm/v1/dev/{DeviceId}/readings";

    public string HelloTopic => $"ilm/v1/dev/{DeviceId}/hello";

    /// <summary>Energy added by one 10-second sample at <paramref name="powerMw"/> (mW × 10 s in mWh).</summary>
    public static long EnergyPerSample(int powerMw) => (long)Math.Max(0, powerMw) * SamplePeriodMs / 3_600_000;

    /// <summary>
    /// Batch <paramref name="seq"/> (≥ 1) of a steady 100 W stream whose first batch ends at
    /// <paramref name="originMs"/>: one batch a minute, the energy counter continuous across batches.
    /// </summary>
    public ReadingBatch StreamBatch(long seq, long originMs) =>
        Batch(seq, originMs + (seq - 1) * BatchPeriodMs, InitialEnergyMwh + (seq - 1) * SamplesPerBatch * EnergyPerSample(SteadyPowerMw));

    /// <summary>
    /// Six samples 10 s apart, the last at <paramref name="endMs"/>. By default the current matches the
    /// power at <paramref name="voltageMv"/> and the energy rises by power × time, so the batch is valid.
    /// </summary>
    public ReadingBatch Batch(long seq, long endMs, long startEnergyMwh, int powerMw = SteadyPowerMw, uint voltageMv = 230_000,
        uint? currentMa = null, long? energyStepMwh = null, ReadingFlags flags = ReadingFlags.None)
    {
        var current = currentMa ?? (uint)(Math.Abs((long)powerMw) * 1000 / voltageMv + 5);
        var step = energyStepMwh ?? EnergyPerSample(powerMw);
        var samples = new ReadingSample[SamplesPerBatch];
        for (var k = 0; k < SamplesPerBatch; k++)
            samples[k] = new ReadingSample(endMs - (SamplesPerBatch - 1 - k) * SamplePeriodMs, startEnergyMwh + k * step, powerMw, voltageMv, current, true);
        return new ReadingBatch(seq, 1, Board, "1.0.0-sim", flags, samples, 0, []);
    }

    public byte[] Sign(ProtocolMessage message) => CoseSign1Signer.Sign(message switch
    {
        ReadingBatch batch => PayloadEncoder.Encode(batch),
        HelloMessage hello => PayloadEncoder.Encode(hello),
        _ => throw new ArgumentException($"a plug does not sign {message.Kind} messages", nameof(message)),
    }, key);

    public byte[] SignedStreamBatch(long seq, long originMs) => Sign(StreamBatch(seq, originMs));

    public byte[] SignedHello(long nowMs, long nextSeq) => Sign(new HelloMessage(1, Board, "1.0.0-sim", ReadingFlags.FirstAfterBoot, nowMs, nextSeq));

    public void Dispose() => key.Dispose();
}
