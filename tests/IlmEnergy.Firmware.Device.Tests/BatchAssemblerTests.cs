using IlmEnergy.Firmware.Device.Tests.Fakes;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device.Tests;

public class BatchAssemblerTests
{
    private const long Start = 1_800_000_000_000;

    private static BatchAssembler Create(MemoryFileStore files, out DeviceStateStore store, SamplingOptions? options = null)
    {
        store = DeviceStateStore.OpenAtBoot(files);
        EnergyAccumulator energy = new(store, new EnergyOptions());
        return new BatchAssembler(store, new SequenceAllocator(store), energy, options ?? new SamplingOptions());
    }

    private static Sample At(long t, bool synced = true, int faults = 0, bool curtailed = false, long energy = 0) => new()
    {
        TimestampMs = t,
        EnergyMwh = energy,
        PowerMw = 1000,
        VoltageMv = 230_000,
        CurrentMa = 5,
        RelayClosed = !curtailed,
        ClockSynced = synced,
        MeterFaults = faults,
        Curtailed = curtailed,
    };

    [Fact]
    public void SixSamplesMakeABatchWithSeqBootAndFirstAfterBootFlags()
    {
        MemoryFileStore files = new();
        BatchAssembler assembler = Create(files, out DeviceStateStore store);
        for (int i = 1; i <= 5; i++)
        {
            Assert.False(assembler.Add(At(Start + i * 10_000)));
        }

        Assert.True(assembler.Add(At(Start + 60_000)));
        Assert.Throws<InvalidOperationException>(() => assembler.Add(At(Start + 70_000)));

        BatchData first = assembler.Close(0, null!);
        Assert.Equal(0, first.Seq);
        Assert.Equal(1u, first.Boot);
        Assert.Equal(6, first.Samples.Length);
        Assert.Empty(first.DrReports);
        Assert.Equal(BatchFlags.FirstAfterBoot | BatchFlags.CounterReset, first.Flags);

        assembler.Committed(first);
        Assert.False(store.Current.CounterResetPending);
        for (int i = 7; i <= 12; i++)
        {
            assembler.Add(At(Start + i * 10_000));
        }

        BatchData second = assembler.Close(0, []);
        Assert.Equal(1, second.Seq);
        Assert.Equal(BatchFlags.None, second.Flags);

        // After a reboot: next boot number, a higher seq, FirstAfterBoot again, no CounterReset.
        BatchAssembler rebooted = Create(files, out _);
        rebooted.Add(At(Start + 200_000));
        BatchData third = rebooted.Close(0, []);
        Assert.Equal(2u, third.Boot);
        Assert.True(third.Seq > second.Seq);
        Assert.Equal(BatchFlags.FirstAfterBoot, third.Flags);
    }

    [Fact]
    public void CounterResetRepeatsUntilABatchCarryingItIsCommitted()
    {
        MemoryFileStore files = new();
        BatchAssembler assembler = Create(files, out _);
        assembler.Add(At(Start));
        Assert.True(assembler.Close(0, []).Has(BatchFlags.CounterReset)); // lost before reaching the outbox

        BatchAssembler afterPowerCut = Create(files, out _);
        afterPowerCut.Add(At(Start + 10_000));
        BatchData batch = afterPowerCut.Close(0, []);
        Assert.True(batch.Has(BatchFlags.CounterReset));
        afterPowerCut.Committed(batch);

        BatchAssembler later = Create(files, out _);
        later.Add(At(Start + 20_000));
        Assert.False(later.Close(0, []).Has(BatchFlags.CounterReset));
    }

    [Fact]
    public void FlagsFollowSamplesDroppedCountAndInputs()
    {
        BatchAssembler assembler = Create(new MemoryFileStore(), out _);
        assembler.Uncalibrated = true;
        assembler.Add(At(Start, faults: 1));
        assembler.Add(At(Start + 10_000, curtailed: true));
        DrEventReport[] reports = [new DrEventReport("c1", DrOutcome.Curtailed, Start)];
        BatchData batch = assembler.Close(3, reports);

        Assert.Equal(3u, batch.Dropped);
        Assert.Same(reports, batch.DrReports);
        uint expected = BatchFlags.MeterFault | BatchFlags.Curtailed | BatchFlags.OutboxOverflow
            | BatchFlags.Uncalibrated | BatchFlags.FirstAfterBoot | BatchFlags.CounterReset;
        Assert.Equal(expected, batch.Flags);
        Assert.Throws<ArgumentException>(() =>
        {
            assembler.Add(At(Start + 20_000));
            assembler.Close(0, new DrEventReport[17]);
        });
    }

    [Fact]
    public void ClockSyncChangeOrBackwardTimeClosesTheBatchEarlyAndCarriesTheSample()
    {
        BatchAssembler assembler = Create(new MemoryFileStore(), out _);
        assembler.Add(At(10_000, synced: false));
        assembler.Add(At(20_000, synced: false));
        Assert.True(assembler.Add(At(Start)));
        BatchData unsynced = assembler.Close(0, []);
        Assert.Equal(2, unsynced.Samples.Length);
        Assert.True(unsynced.Has(BatchFlags.ClockNotSynced));

        Assert.Equal(1, assembler.Count);
        Assert.True(assembler.Add(At(Start - 1)));
        BatchData synced = assembler.Close(0, []);
        Assert.Single(synced.Samples);
        Assert.False(synced.Has(BatchFlags.ClockNotSynced));
        Assert.Equal(Start - 1, assembler.Close(0, []).Samples[0].TimestampMs);
    }

    [Fact]
    public void ConfigurationOutsideTheProtocolLimitsIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SamplingOptions { SampleIntervalMs = 1000, BatchIntervalMs = 121_000 }.SamplesPerBatch);
        Assert.Throws<ArgumentException>(() => new SamplingOptions { SampleIntervalMs = 0 }.SamplesPerBatch);
        Assert.Equal(120, new SamplingOptions { SampleIntervalMs = 10_000, BatchIntervalMs = 1_200_000 }.SamplesPerBatch);
        Assert.Throws<InvalidOperationException>(() => Create(new MemoryFileStore(), out _).Close(0, []));
    }

    [Fact]
    public void ClosingMakesTheBatchsLastEnergyValueDurable()
    {
        MemoryFileStore files = new();
        DeviceStateStore store = DeviceStateStore.OpenAtBoot(files);
        EnergyAccumulator energy = new(store, new EnergyOptions());
        BatchAssembler assembler = new(store, new SequenceAllocator(store), energy, new SamplingOptions());
        energy.Add(3_600_000, 1000); // 1,000 mWh, far below the periodic checkpoint thresholds
        assembler.Add(At(Start, energy: energy.TotalMwh));
        int saves = store.SaveCount;
        BatchData batch = assembler.Close(0, []);

        byte[] onFlash = new DurableRecord(files, DeviceStateStore.DefaultName).Load();
        Assert.Equal(1000, DeviceStateCodec.Decode(onFlash, out _)!.EnergyMwh);
        Assert.Equal(1000, batch.Samples[0].EnergyMwh);

        // Nothing consumed since: the next batch needs no energy write (only its own seq is in the block).
        assembler.Add(At(Start + 10_000, energy: energy.TotalMwh));
        int savesBefore = store.SaveCount;
        assembler.Close(0, []);
        Assert.Equal(savesBefore, store.SaveCount);
        Assert.True(saves < savesBefore);
    }
}
