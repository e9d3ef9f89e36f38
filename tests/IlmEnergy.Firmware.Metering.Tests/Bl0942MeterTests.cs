using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

public class Bl0942MeterTests
{
    private static readonly byte[] TasmotaFrame = Hex.Parse("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00 76");

    private static (Bl0942Meter Meter, FakeSerialLink Link) Create(Bl0942Options? options = null, Calibration? calibration = null)
    {
        var link = new FakeSerialLink();
        var meter = new Bl0942Meter(link, calibration ?? Calibration.DefaultsFor(MeterChip.Bl0942), options ?? new Bl0942Options());
        return (meter, link);
    }

    [Fact]
    public void Start_unlocks_writes_mode_locks_and_polls()
    {
        var (meter, link) = Create();
        meter.Start(0);
        Assert.Equal(4, link.Written.Count);
        Assert.Equal(Hex.Parse("A8 1D 55 00 00 E5"), link.Written[0]);
        Assert.Equal(Hex.Parse("A8 19 8F 00 00 AF"), link.Written[1]);
        Assert.Equal(Hex.Parse("A8 1D 00 00 00 3A"), link.Written[2]);
        Assert.Equal(Hex.Parse("58 AA"), link.Written[3]);
    }

    [Fact]
    public void Reply_becomes_an_integer_reading_and_the_next_poll_is_sent()
    {
        var (meter, link) = Create();
        meter.Start(0);
        link.Receive(TasmotaFrame);
        var reading = new MeterReading();

        Assert.True(meter.TryRead(1000, reading));
        Assert.Equal(234316, reading.VoltageMilliVolts);
        Assert.Equal(189, reading.CurrentMilliAmps);
        Assert.Equal(44262, reading.PowerMilliWatts); // |−26 380| / 596 W: a plug only consumes
        Assert.Equal(50025, reading.FrequencyMilliHertz);
        Assert.Equal(3558558, reading.RawVoltage);
        Assert.Equal(26380, reading.RawPower);
        Assert.Equal(1000, reading.TimestampMs);
        Assert.True(reading.Has(ReadingFlags.VoltageValid | ReadingFlags.CurrentValid | ReadingFlags.PowerValid | ReadingFlags.FrequencyValid));
        Assert.True(reading.Has(ReadingFlags.Uncalibrated));
        Assert.False(reading.Has(ReadingFlags.Stale));
        Assert.Equal(Hex.Parse("58 AA"), link.Written[^1]);
    }

    [Fact]
    public void Silent_chip_turns_the_reading_stale_and_keeps_last_values()
    {
        var (meter, link) = Create();
        var reading = new MeterReading();
        Assert.False(meter.TryRead(0, reading));
        Assert.True(reading.Has(ReadingFlags.Stale));

        link.Receive(TasmotaFrame);
        Assert.True(meter.TryRead(1000, reading));
        Assert.True(meter.TryRead(2000, reading)); // one missed reply is tolerated (stale after 2.5 s)
        Assert.False(meter.TryRead(4000, reading));
        Assert.True(reading.Has(ReadingFlags.Stale));
        Assert.Equal(234316, reading.VoltageMilliVolts);
    }

    [Fact]
    public void Cf_counter_wraps_24_bits_several_times_without_losing_energy()
    {
        // Guard lifted so each poll can cover millions of counts; three full wraps in 12 polls.
        var (meter, link) = Create(new Bl0942Options { MaxPowerMilliWatts = long.MaxValue / 1_000_000 });
        var reading = new MeterReading();
        int counter = 0xFFFF00;
        long expectedPulses = 0;
        const int Step = 5_000_000;

        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, counter));
        meter.TryRead(0, reading);
        for (int poll = 1; poll <= 12; poll++)
        {
            counter = (counter + Step) & 0xFFFFFF;
            expectedPulses += Step;
            link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, counter));
            Assert.True(meter.TryRead(poll * 1000, reading));
        }

        Assert.True(expectedPulses > 3L * 0x1000000);
        Assert.Equal(expectedPulses, reading.RawEnergyTotal);
        Ratio e = Calibration.DefaultsFor(MeterChip.Bl0942).Energy;
        Assert.Equal(e.Apply(expectedPulses), reading.EnergyMilliWattHours);
    }

    [Fact]
    public void Cf_counter_wrap_at_a_realistic_rate_is_continuous()
    {
        var (meter, link) = Create();
        var reading = new MeterReading();
        int counter = 0xFFFFFA;
        long previousEnergy = 0;
        for (int poll = 0; poll < 10; poll++)
        {
            link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, counter));
            meter.TryRead(poll * 1000, reading);
            Assert.True(reading.EnergyMilliWattHours >= previousEnergy);
            previousEnergy = reading.EnergyMilliWattHours;
            counter = (counter + 2) & 0xFFFFFF; // 2 counts/s ≈ 1.4 kW
        }

        Assert.Equal(18, reading.RawEnergyTotal);
        Assert.False(reading.Has(ReadingFlags.EnergyStepRejected));
    }

    [Fact]
    public void Implausible_energy_jump_is_rejected_and_flagged()
    {
        var (meter, link) = Create();
        var reading = new MeterReading();
        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, 1000));
        meter.TryRead(0, reading);
        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, 1001));
        meter.TryRead(1000, reading);
        long before = reading.EnergyMilliWattHours;

        // 500 000 counts in one second would be ~350 MW: a glitch that happened to pass the checksum.
        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, 501001));
        meter.TryRead(2000, reading);
        Assert.True(reading.Has(ReadingFlags.EnergyStepRejected));
        Assert.Equal(1, reading.RawEnergyTotal);
        Assert.InRange(reading.EnergyMilliWattHours - before, 0, 300); // at most the interpolated second

        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, 501002));
        meter.TryRead(3000, reading);
        Assert.False(reading.Has(ReadingFlags.EnergyStepRejected));
        Assert.Equal(2, reading.RawEnergyTotal);
    }

    [Fact]
    public void Coarse_cf_counts_are_interpolated_from_power_so_short_intervals_match_power()
    {
        // 40 W bulb: one CF count (≈195 mWh) every ≈17.6 s. Simulate 10 minutes of 1 s polls.
        var (meter, link) = Create();
        var reading = new MeterReading();
        Ratio e = Calibration.DefaultsFor(MeterChip.Bl0942).Energy;
        const int PowerRaw = 23840; // 40 W × 596
        double countsPerSecond = 40.0 / 3600.0 * 1000.0 / (e.Numerator / (double)e.Denominator);
        var energyAt = new List<long>();

        for (int s = 0; s <= 600; s++)
        {
            int counter = (int)(s * countsPerSecond);
            link.Receive(Bl0942Packets.Build(40000, 3493010, PowerRaw, counter));
            Assert.True(meter.TryRead(s * 1000L, reading));
            energyAt.Add(reading.EnergyMilliWattHours);
        }

        // Every 10-second window: 40 W × 10 s = 111 mWh, within the server's 10 % + 2 mWh rule.
        for (int s = 10; s <= 600; s += 10)
        {
            long delta = energyAt[s] - energyAt[s - 10];
            Assert.InRange(delta, 98, 124);
        }

        // Long run: the counted energy is the truth (interpolation adds less than one count).
        long counted = e.Apply(reading.RawEnergyTotal);
        Assert.InRange(reading.EnergyMilliWattHours - counted, 0, e.Apply(1));
    }

    [Fact]
    public void Restored_energy_continues_and_is_never_lowered()
    {
        var (meter, link) = Create();
        var reading = new MeterReading();
        meter.RestoreEnergy(1_000_000);
        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, 10));
        meter.TryRead(0, reading);
        link.Receive(Bl0942Packets.Build(47523, 3558558, 26380, 12));
        meter.TryRead(1000, reading);
        long mWhPer2 = Calibration.DefaultsFor(MeterChip.Bl0942).Energy.Apply(2);
        Assert.Equal(1_000_000 + mWhPer2, reading.EnergyMilliWattHours);

        meter.RestoreEnergy(5); // an older flash copy must not move the counter back
        Assert.Equal(1_000_000 + mWhPer2, meter.EnergyMilliWattHours);
    }
}
