using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

public class Bl0937MeterTests
{
    // Shelly Plus Plug S circuit: R 0.001 Ω, divider 1830. Pulse rates per unit follow ESPHome's multipliers.
    private const double WattsPerHz = 1.218 * 1.218 * 1830 / 0.001 / 1721506;
    private const double AmpsPerHz = 1.218 / 0.001 / 94638;
    private const double VoltsPerHz = 1.218 * 1830 / 15397;

    private sealed class Rig
    {
        public FakePulseCounter Cf { get; } = new();
        public FakePulseCounter Cf1 { get; } = new();
        public FakeOutput Sel { get; } = new();
        public Bl0937Meter Meter { get; }
        public MeterReading Reading { get; } = new();
        public long Now { get; private set; }

        public Rig(Bl0937Options? options = null)
        {
            Meter = new Bl0937Meter(Cf, Cf1, Sel, Calibration.ForBl0937Circuit(1000, 1_830_000), options ?? new Bl0937Options());
            Meter.Start(0);
        }

        /// <summary>One second of a load: CF pulses for power, CF1 pulses for whatever SEL selects now.</summary>
        public bool Second(double volts, double watts)
        {
            Cf.Count += (long)Math.Round(watts / WattsPerHz);
            Cf1.Count += (long)Math.Round(Meter.MeasuringCurrent ? watts / volts / AmpsPerHz : volts / VoltsPerHz);
            Now += 1000;
            return Meter.TryRead(Now, Reading);
        }
    }

    [Fact]
    public void Power_current_and_voltage_are_measured_from_pulse_rates()
    {
        var rig = new Rig();
        for (int s = 0; s < 10; s++)
        {
            Assert.True(rig.Second(230, 1000));
        }

        MeterReading r = rig.Reading;
        Assert.InRange(r.PowerMilliWatts, 999_000, 1_001_000);
        Assert.InRange(r.CurrentMilliAmps, 4_340, 4_356);
        Assert.InRange(r.VoltageMilliVolts, 229_900, 230_100);
        Assert.True(r.Has(ReadingFlags.PowerValid | ReadingFlags.CurrentValid | ReadingFlags.VoltageValid | ReadingFlags.Uncalibrated));
        Assert.False(r.Has(ReadingFlags.FrequencyValid));
    }

    [Fact]
    public void Sel_alternates_with_inversion_and_the_first_cf1_interval_after_a_switch_is_discarded()
    {
        var rig = new Rig(new Bl0937Options { CurrentModePolls = 3, VoltageModePolls = 2, SelInverted = true });

        // Start selects current: logical high, inverted → physical low.
        Assert.Equal(new[] { false }, rig.Sel.Levels);
        Assert.True(rig.Meter.MeasuringCurrent);

        rig.Second(230, 1000); // discarded (straddles the switch)
        Assert.False(rig.Reading.Has(ReadingFlags.CurrentValid));
        rig.Second(230, 1000);
        Assert.True(rig.Reading.Has(ReadingFlags.CurrentValid));
        rig.Second(230, 1000); // third poll in current mode → switch to voltage
        Assert.Equal(new[] { false, true }, rig.Sel.Levels);
        Assert.False(rig.Meter.MeasuringCurrent);

        // Simulate the mixed interval: CF1 still counting current pulses right after the switch.
        rig.Cf.Count += 634;
        rig.Cf1.Count += 338;
        Assert.True(rig.Meter.TryRead(4000, rig.Reading));
        Assert.False(rig.Reading.Has(ReadingFlags.VoltageValid)); // a current-rate count was not taken as volts

        rig.Cf.Count += 634;
        rig.Cf1.Count += 1589;
        Assert.True(rig.Meter.TryRead(5000, rig.Reading));
        Assert.InRange(rig.Reading.VoltageMilliVolts, 229_900, 230_100);
        Assert.Equal(new[] { false, true, false }, rig.Sel.Levels); // back to current after 2 voltage polls
    }

    [Fact]
    public void A_single_pulse_in_an_interval_counts_as_zero_but_still_counts_as_energy()
    {
        var rig = new Rig();
        rig.Cf.Count += 1;
        rig.Cf1.Count += 1;
        Assert.True(rig.Meter.TryRead(1000, rig.Reading));
        Assert.Equal(0, rig.Reading.PowerMilliWatts);
        Assert.Equal(1, rig.Reading.RawEnergyTotal);

        rig.Cf.Count += 2;
        Assert.True(rig.Meter.TryRead(2000, rig.Reading));
        Assert.InRange(rig.Reading.PowerMilliWatts, 3_150, 3_160); // 2 Hz × 1.577 W/Hz
    }

    [Fact]
    public void Energy_counts_every_cf_pulse()
    {
        var rig = new Rig();
        for (int s = 0; s < 3600; s++)
        {
            rig.Second(230, 500);
        }

        // 500 W for an hour = 500 Wh; the pulse quantisation is 1.577 J.
        Assert.InRange(rig.Reading.EnergyMilliWattHours, 499_000, 501_000);
    }

    [Fact]
    public void A_reset_pulse_counter_skips_the_interval_instead_of_counting_backwards()
    {
        var rig = new Rig();
        rig.Second(230, 1000);
        long energy = rig.Reading.EnergyMilliWattHours;
        rig.Cf.Count = 0;
        rig.Cf1.Count = 0;
        rig.Meter.TryRead(2500, rig.Reading);
        Assert.True(rig.Reading.EnergyMilliWattHours >= energy);
        Assert.True(rig.Second(230, 1000));
    }
}
