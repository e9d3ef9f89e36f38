using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.VectorGen;

/// <summary>The plain messages behind the vectors: realistic plug readings with fixed values.</summary>
public static class VectorMessages
{
    /// <summary>2026-01-01T00:00:00Z in Unix ms: every vector's clock starts here.</summary>
    public const ulong T0 = 1767225600000;

    public const string Board = "athom-plug-v3";
    public const string Firmware = "0.1.0";

    /// <summary>Samples every 10 s of a steady load; energy follows power × time (mWh = mW × s / 3600).</summary>
    public static ReadingSample[] SteadyLoad(int count, ulong start, long energyStart, int powerMw, uint voltageMv, uint currentMa, bool relay)
    {
        var samples = new ReadingSample[count];
        for (int k = 0; k < count; k++)
        {
            long energy = energyStart + (long)powerMw * 10 * (k + 1) / 3600;
            samples[k] = new ReadingSample(start + (ulong)(10_000 * (k + 1)), energy, powerMw, voltageMv, currentMa, relay);
        }

        return samples;
    }

    /// <summary>One minute of a 61.5 W load: the typical batch of docs/protocol.md §7.</summary>
    public static ReadingBatch Typical() => new()
    {
        Seq = 1042,
        Boot = 7,
        Board = Board,
        Firmware = Firmware,
        Flags = BatchFlags.None,
        Samples = SteadyLoad(6, T0, 1_234_567, 61_500, 230_100, 412, true),
    };

    public static ReadingBatch Single() => new()
    {
        Seq = 1043,
        Boot = 7,
        Board = Board,
        Firmware = Firmware,
        Flags = BatchFlags.None,
        Samples = SteadyLoad(1, T0 + 60_000, 1_235_592, 0, 229_800, 0, false),
    };

    /// <summary>Twenty minutes of a 2 kW heater: the largest batch allowed.</summary>
    public static ReadingBatch Full() => new()
    {
        Seq = 1044,
        Boot = 7,
        Board = Board,
        Firmware = Firmware,
        Flags = BatchFlags.Uncalibrated,
        Samples = SteadyLoad(ReadingBatch.MaxSamples, T0 + 120_000, 1_235_592, 1_998_000, 229_500, 8_710, true),
    };

    /// <summary>First batch after a reboot during a DR event, after the outbox overflowed.</summary>
    public static ReadingBatch WithDrReports() => new()
    {
        Seq = 2000,
        Boot = 8,
        Board = Board,
        Firmware = Firmware,
        Flags = BatchFlags.OutboxOverflow | BatchFlags.Curtailed | BatchFlags.FirstAfterBoot,
        Samples = SteadyLoad(6, T0 + 3_600_000, 1_300_000, 0, 231_000, 0, false),
        Dropped = 3,
        DrReports =
        [
            new DrReport("cmd-2026-0001", DrOutcome.Scheduled, T0 + 3_000_000),
            new DrReport("cmd-2026-0001", DrOutcome.Curtailed, T0 + 3_600_000),
        ],
    };

    public static HelloMessage Hello() => new()
    {
        Boot = 8,
        Board = Board,
        Firmware = Firmware,
        Flags = BatchFlags.FirstAfterBoot,
        TimeMs = T0 + 3_590_123,
        NextSeq = 2000,
    };

    /// <summary>A one-hour curtailment, sent 10 minutes ahead, valid for 5 minutes.</summary>
    public static DrCommand Command(byte[] targetDevice) => new()
    {
        CommandId = "cmd-2026-0001",
        Device = targetDevice,
        Action = DrAction.Curtail,
        StartMs = T0 + 3_600_000,
        EndMs = T0 + 7_200_000,
        IssuedMs = T0 + 3_000_000,
        ExpiresMs = T0 + 3_300_000,
        EventId = "evt-2026-01-01-peak",
    };
}
