using IlmEnergy.Firmware.Device.Tests.Fakes;
using IlmEnergy.Firmware.Protocol.Messages;
using Xunit.Abstractions;

namespace IlmEnergy.Firmware.Device.Tests;

/// <summary>
/// All pieces wired as the device loop will wire them (see <see cref="BatchAssembler"/>), run for
/// simulated hours with broker outages, a DR event and power cuts at random moments, including in
/// the middle of flash writes. Checks what the server relies on, over every delivered batch.
/// </summary>
public class DeviceCycleTests(ITestOutputHelper output)
{
    private const long Start = 1_800_000_000_000;

    /// <summary>Stand-in for sign+encode: seq, boot, flags and the samples, padded to a typical ~350 bytes.</summary>
    private static byte[] Encode(BatchData batch)
    {
        using MemoryStream stream = new();
        using BinaryWriter w = new(stream);
        w.Write(batch.Seq);
        w.Write(batch.Boot);
        w.Write(batch.Flags);
        w.Write(batch.Dropped);
        w.Write(batch.DrReports.Length);
        w.Write(batch.Samples.Length);
        foreach (Sample s in batch.Samples)
        {
            w.Write(s.TimestampMs);
            w.Write(s.EnergyMwh);
            w.Write(s.PowerMw);
        }

        w.Write(new byte[Math.Max(0, 350 - (int)stream.Length)]);
        return stream.ToArray();
    }

    private static (long Seq, uint Boot, uint Flags, long[] T, long[] E) Decode(byte[] m)
    {
        using BinaryReader r = new(new MemoryStream(m));
        long seq = r.ReadInt64();
        uint boot = r.ReadUInt32();
        uint flags = r.ReadUInt32();
        r.ReadUInt32();
        r.ReadInt32();
        int n = r.ReadInt32();
        long[] t = new long[n], e = new long[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = r.ReadInt64();
            e[i] = r.ReadInt64();
            r.ReadInt32();
        }

        return (seq, boot, flags, t, e);
    }

    private sealed class Device
    {
        public Device(MemoryFileStore files, FakeClock clock, FakeRelay relay)
        {
            Store = DeviceStateStore.OpenAtBoot(files);
            Sequence = new SequenceAllocator(Store);
            Energy = new EnergyAccumulator(Store, new EnergyOptions());
            Aggregator = new SampleAggregator(Energy, clock, new SamplingOptions());
            Assembler = new BatchAssembler(Store, Sequence, Energy, new SamplingOptions());
            Outbox = new Outbox(files, new OutboxOptions());
            Scheduler = new DrScheduler(Store, relay, clock, new DrOptions());
        }

        public DeviceStateStore Store { get; }
        public SequenceAllocator Sequence { get; }
        public EnergyAccumulator Energy { get; }
        public SampleAggregator Aggregator { get; }
        public BatchAssembler Assembler { get; }
        public Outbox Outbox { get; }
        public DrScheduler Scheduler { get; }

        /// <summary>One second of the device loop.</summary>
        public void Second(FakeRelay relay, int powerMw)
        {
            Scheduler.Tick();
            int power = relay.IsClosed ? powerMw : 0;
            Sample? sample = Aggregator.AddReading(power, 230_000, power / 230, relay.IsClosed, Scheduler.IsCurtailing);
            if (sample != null && Assembler.Add(sample))
            {
                BatchData batch = Assembler.Close(Outbox.DroppedPending, Scheduler.PeekReports(BatchAssembler.MaxReports));
                Outbox.Append(batch.Seq, Encode(batch));
                Assembler.Committed(batch);
                Outbox.ClearDropped(batch.Dropped);
                Scheduler.ReportsQueued(batch.DrReports.Length);
            }
        }
    }

    [Fact]
    public void SixHoursWithOutagesAndPowerCutsKeepEveryServerSideInvariant()
    {
        MemoryFileStore files = new();
        FakeClock clock = new(Start);
        FakeRelay relay = new(clock);
        Random random = new(42);
        Device device = new(files, clock, relay);
        device.Scheduler.Accept(new DrCommand("c1", "e1", DrAction.Curtail, Start + 3_600_000, Start + 5_400_000), true);

        List<byte[]> delivered = [];
        int boots = 1, tornCuts = 0;
        bool brokerUp = true;
        for (int second = 0; second < 6 * 3600; second++)
        {
            clock.Advance(1000);
            if (second % 600 == 0)
            {
                brokerUp = random.Next(3) != 0;
            }

            try
            {
                if (random.Next(2500) == 0)
                {
                    files.FailAfterBytes(random.Next(0, 400)); // the cut lands inside one of the next writes
                }

                device.Second(relay, 1_500_000 + random.Next(-200_000, 200_000));
                while (brokerUp && device.Outbox.Peek() is OutboxRecord record)
                {
                    delivered.Add(record.Message);
                    device.Outbox.RemoveOldest(record.Seq);
                }
            }
            catch (PowerLossException)
            {
                tornCuts++;
            }

            if (files.PowerLost || random.Next(5000) == 0)
            {
                files.Reboot();
                clock.Advance(random.Next(1000, 20_000));
                clock.UptimeMs = 0;
                relay.Set(random.Next(2) == 0); // relays fall back to a board default at boot
                device = new Device(files, clock, relay);
                boots++;
            }
        }

        files.Reboot();
        while (device.Outbox.Peek() is OutboxRecord last)
        {
            delivered.Add(last.Message);
            device.Outbox.RemoveOldest(last.Seq);
        }

        var batches = delivered.Select(Decode).ToList();
        var unique = batches.GroupBy(b => b.Seq).Select(g => g.First()).ToList();
        for (int i = 1; i < unique.Count; i++)
        {
            Assert.True(unique[i].Seq > unique[i - 1].Seq, "seq order");
            Assert.True(unique[i].Boot >= unique[i - 1].Boot, "boot order");
            bool reset = (unique[i].Flags & BatchFlags.CounterReset) != 0;
            Assert.True(reset || unique[i].E[0] >= unique[i - 1].E[^1], $"energy decreased at seq {unique[i].Seq}");
            if (unique[i].Boot != unique[i - 1].Boot)
            {
                Assert.True((unique[i].Flags & BatchFlags.FirstAfterBoot) != 0, "FirstAfterBoot");
            }
        }

        Assert.Equal(1, unique.Count(b => (b.Flags & BatchFlags.CounterReset) != 0));
        Assert.Contains(unique, b => (b.Flags & BatchFlags.Curtailed) != 0);
        Assert.True(relay.IsClosed || !device.Scheduler.IsCurtailing);
        Assert.Equal(DrPhase.Idle, device.Scheduler.Phase);
        Assert.True(boots >= 5 && tornCuts >= 3, $"boots {boots}, torn cuts {tornCuts}");

        output.WriteLine($"boots {boots}, torn writes {tornCuts}, batches delivered {unique.Count} (+{batches.Count - unique.Count} resent), flash writes {files.Writes}");
    }

    [Fact]
    public void FlashWritesPerDayAtSteadyStateStayLow()
    {
        MemoryFileStore files = new();
        FakeClock clock = new(Start);
        FakeRelay relay = new(clock);
        Device device = new(files, clock, relay);
        int writesAtBoot = files.Writes;
        int stateSavesAtBoot = device.Store.SaveCount;
        for (int second = 0; second < 86_400; second++)
        {
            clock.Advance(1000);
            device.Second(relay, 60_000); // a 60 W load
            while (device.Outbox.Peek() is OutboxRecord record)
            {
                device.Outbox.RemoveOldest(record.Seq);
            }
        }

        int stateSaves = device.Store.SaveCount - stateSavesAtBoot;
        int writes = files.Writes - writesAtBoot;
        output.WriteLine($"per day: {writes} flash writes, of which {stateSaves} state saves; 1440 batches");

        // State: one energy checkpoint per batch (the counter grew) and a seq reservation per 64 batches.
        Assert.Equal(1440 + 23, stateSaves);

        // Plus per batch one outbox append and one head-pointer save, and one more head save each time
        // the head moves into a new segment (44 records of 366 bytes per 16 KB segment).
        int segmentsFilled = 1440 / 44;
        Assert.InRange(writes, 1440 * 3 + 23, 1440 * 3 + 23 + segmentsFilled);
    }
}
