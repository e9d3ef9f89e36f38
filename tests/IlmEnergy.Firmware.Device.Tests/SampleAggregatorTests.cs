using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

public class SampleAggregatorTests
{
    private const long Start = 1_800_000_000_000;

    private static SampleAggregator Create(FakeClock clock, out EnergyAccumulator energy)
    {
        DeviceStateStore store = DeviceStateStore.OpenAtBoot(new MemoryFileStore());
        energy = new EnergyAccumulator(store, new EnergyOptions());
        return new SampleAggregator(energy, clock, new SamplingOptions());
    }

    [Fact]
    public void TenOneSecondReadingsMakeOneSampleWithIntegerMeansAndEndValues()
    {
        FakeClock clock = new(Start);
        SampleAggregator aggregator = Create(clock, out EnergyAccumulator energy);
        Assert.Null(aggregator.AddReading(100_000, 230_000, 500, true, false)); // t = 0 opens the interval

        List<Sample> samples = [];
        for (int s = 1; s <= 20; s++)
        {
            clock.Advance(1000);
            Sample? sample = aggregator.AddReading(100_000 + s, 230_000 + s, 500 + s, s < 15, false);
            if (sample != null)
            {
                samples.Add(sample);
            }
        }

        Assert.Equal(2, samples.Count);
        Sample first = samples[0];
        // Readings 0..10: power 100,000 + (0+1+…+10)/11 = 100,005 mW.
        Assert.Equal(100_005, first.PowerMw);
        Assert.Equal(230_005, first.VoltageMv);
        Assert.Equal(505, first.CurrentMa);
        Assert.Equal(Start + 10_000, first.TimestampMs);
        Assert.True(first.RelayClosed);
        Assert.True(first.ClockSynced);
        Assert.Equal(0, first.MeterFaults);

        Sample second = samples[1];
        Assert.Equal(100_015, second.PowerMw); // readings 11..20
        Assert.Equal(Start + 20_000, second.TimestampMs);
        Assert.False(second.RelayClosed); // the relay state at the end of the interval
        Assert.Equal(energy.TotalMwh, second.EnergyMwh);
        // 20 s of about 100 W = 555 mWh; the integral uses each reading's power over the second before it.
        long exact = Enumerable.Range(1, 20).Sum(s => (100_000L + s) * 1000) / EnergyAccumulator.MwMsPerMwh;
        Assert.Equal(exact, second.EnergyMwh);
    }

    [Fact]
    public void NegativePowerIsAveragedButNeverCounted()
    {
        FakeClock clock = new(Start);
        SampleAggregator aggregator = Create(clock, out EnergyAccumulator energy);
        Sample? sample = null;
        for (int s = 0; s <= 10; s++)
        {
            sample = aggregator.AddReading(-3001, 230_000, 13, true, false);
            clock.Advance(1000);
        }

        Assert.Equal(-3001, sample!.PowerMw);
        Assert.Equal(0, energy.TotalMwh);
    }

    [Fact]
    public void FaultsAreCountedAndAFullyFaultyIntervalCarriesTheLastValuesForward()
    {
        FakeClock clock = new(Start);
        SampleAggregator aggregator = Create(clock, out _);
        List<Sample> samples = [];
        for (int s = 0; s <= 30; s++)
        {
            Sample? sample = s is 3 or 4 || (s > 10 && s <= 20)
                ? aggregator.AddFault(true, false)
                : aggregator.AddReading(50_000, 231_000, 220, true, false);
            if (sample != null)
            {
                samples.Add(sample);
            }

            clock.Advance(1000);
        }

        Assert.Equal(3, samples.Count);
        Assert.Equal(2, samples[0].MeterFaults);
        Assert.Equal(10, samples[1].MeterFaults);
        Assert.Equal(50_000, samples[1].PowerMw); // carried forward from the previous interval
        Assert.Equal(231_000, samples[1].VoltageMv);
        Assert.Equal(0, samples[2].MeterFaults);
    }

    [Fact]
    public void AReadingBeforeClockSyncMarksTheSampleAndCurtailmentIsRemembered()
    {
        FakeClock clock = new(5000, synced: false);
        SampleAggregator aggregator = Create(clock, out _);
        List<Sample> samples = [];
        for (int s = 0; s <= 20; s++)
        {
            if (s == 4)
            {
                clock.IsSynced = true;
                clock.UtcNowMs = Start;
            }

            Sample? sample = aggregator.AddReading(1000, 230_000, 5, s != 12, s == 12);
            if (sample != null)
            {
                samples.Add(sample);
            }

            clock.Advance(1000);
        }

        Assert.False(samples[0].ClockSynced);
        Assert.False(samples[0].Curtailed);
        Assert.True(samples[1].ClockSynced);
        Assert.True(samples[1].Curtailed);
        Assert.True(samples[1].RelayClosed);
    }
}
