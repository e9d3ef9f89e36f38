using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

public class EnergyAccumulatorTests
{
    private static EnergyAccumulator Fresh(out DeviceStateStore store, EnergyOptions? options = null)
    {
        store = DeviceStateStore.OpenAtBoot(new MemoryFileStore());
        return new EnergyAccumulator(store, options ?? new EnergyOptions());
    }

    [Fact]
    public void OneKilowattForOneHourInOneSecondStepsIsExactlyOneMillionMilliwattHours()
    {
        EnergyAccumulator energy = Fresh(out _);
        for (int s = 0; s < 3600; s++)
        {
            energy.Add(1_000_000, 1000);
        }

        Assert.Equal(1_000_000, energy.TotalMwh);
        Assert.Equal(0, energy.RemainderMwMs);
    }

    [Fact]
    public void OneWattForTenHoursLosesNothingToRounding()
    {
        // Each step is 1/3.6 of a mWh: rounding per step would give 0 (floor) or 36,000 (round).
        EnergyAccumulator energy = Fresh(out _);
        for (int s = 0; s < 36_000; s++)
        {
            energy.Add(1000, 1000);
        }

        Assert.Equal(10_000, energy.TotalMwh);
        Assert.Equal(0, energy.RemainderMwMs);
    }

    [Fact]
    public void IrregularReadingsSumToTheExactIntegral()
    {
        EnergyAccumulator energy = Fresh(out _);
        Random random = new(11);
        long exactMwMs = 0;
        for (int i = 0; i < 50_000; i++)
        {
            int power = random.Next(-50_000, 3_700_000);
            int elapsed = random.Next(1, 1500);
            energy.Add(power, elapsed);
            exactMwMs += Math.Max(0, power) * (long)elapsed;
        }

        Assert.Equal(exactMwMs / EnergyAccumulator.MwMsPerMwh, energy.TotalMwh);
        Assert.Equal(exactMwMs % EnergyAccumulator.MwMsPerMwh, energy.RemainderMwMs);
    }

    [Fact]
    public void ExportAndLongGapsNeverIncreaseTheCounterBeyondTheCappedStep()
    {
        EnergyAccumulator energy = Fresh(out _, new EnergyOptions { MaxStepMs = 5000 });
        energy.Add(-2_000_000, 1000);
        Assert.Equal(0, energy.TotalMwh);

        energy.Add(3_600_000, 60_000); // a 60 s meter gap counts as 5 s at most
        Assert.Equal(5000, energy.TotalMwh);
    }

    [Fact]
    public void CheckpointsEveryTenMinutesAtLightLoadAndEveryHundredWattHoursAtHeavyLoad()
    {
        EnergyAccumulator light = Fresh(out DeviceStateStore lightStore);
        int before = lightStore.SaveCount;
        for (int s = 0; s < 3600; s++)
        {
            light.Add(5_000, 1000);
        }

        Assert.Equal(6, lightStore.SaveCount - before);

        EnergyAccumulator heavy = Fresh(out DeviceStateStore heavyStore);
        before = heavyStore.SaveCount;
        for (int s = 0; s < 3600; s++)
        {
            heavy.Add(3_600_000, 1000); // 1 Wh per second
        }

        Assert.Equal(36, heavyStore.SaveCount - before);
        Assert.Equal(3_600_000, heavyStore.Current.EnergyMwh);
    }

    /// <summary>
    /// Random loads, reboots at random moments, some of them in the middle of a checkpoint write:
    /// after every boot the counter equals the last checkpoint that reached flash, so it is never above
    /// the true energy and lags it by at most what was integrated since that checkpoint.
    /// </summary>
    [Fact]
    public void RebootRestoresTheCheckpointAndNeverExceedsTheTrueValue()
    {
        MemoryFileStore files = new();
        Random random = new(5);
        long trueMwMs = 0;
        long lastDurableMwh = 0;

        for (int boot = 0; boot < 40; boot++)
        {
            DeviceStateStore store = DeviceStateStore.OpenAtBoot(files);
            EnergyAccumulator energy = new(store, new EnergyOptions { CheckpointIntervalMs = 60_000 });
            Assert.Equal(lastDurableMwh, energy.TotalMwh);
            Assert.True(energy.TotalMwh * EnergyAccumulator.MwMsPerMwh + energy.RemainderMwMs <= trueMwMs);
            Assert.Equal(boot == 0, energy.CounterResetPending);
            store.Current.CounterResetPending = false; // as after the first batch is queued
            store.Save();

            // The device starts from the checkpoint: energy lost at the reboot is gone for good.
            trueMwMs = energy.TotalMwh * EnergyAccumulator.MwMsPerMwh + energy.RemainderMwMs;
            int seconds = random.Next(30, 400);
            bool tearACheckpoint = boot % 3 == 2;
            for (int s = 0; s < seconds; s++)
            {
                int power = random.Next(0, 3_000_000);
                int savesBefore = store.SaveCount;
                if (tearACheckpoint && s == seconds - 1)
                {
                    // Power dies during a checkpoint: the previous checkpoint stays the durable one.
                    files.FailAfterBytes(random.Next(0, 60));
                    Assert.Throws<PowerLossException>(() => energy.Checkpoint());
                    break;
                }

                energy.Add(power, 1000);
                trueMwMs += power * 1000L;
                if (store.SaveCount != savesBefore)
                {
                    lastDurableMwh = energy.TotalMwh;
                }
            }

            files.Reboot();
        }
    }

    [Fact]
    public void MissingOrCorruptCheckpointStartsAtZeroWithCounterReset()
    {
        MemoryFileStore files = new();
        DeviceStateStore store = DeviceStateStore.OpenAtBoot(files);
        store.Current.CounterResetPending = false;
        EnergyAccumulator energy = new(store, new EnergyOptions());
        energy.Add(3_600_000, 5000);
        energy.Checkpoint();

        DeviceStateStore good = DeviceStateStore.OpenAtBoot(files);
        Assert.False(new EnergyAccumulator(good, new EnergyOptions()).CounterResetPending);

        foreach (string slot in files.Names.Where(n => n.StartsWith(DeviceStateStore.DefaultName, StringComparison.Ordinal)).ToList())
        {
            files.FlipBit(slot, 8);
        }

        EnergyAccumulator restarted = new(DeviceStateStore.OpenAtBoot(files), new EnergyOptions());
        Assert.Equal(0, restarted.TotalMwh);
        Assert.True(restarted.CounterResetPending);
    }
}
