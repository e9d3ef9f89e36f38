using Xunit.Abstractions;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

public class CalibrationTests
{
    private readonly ITestOutputHelper _output;

    public CalibrationTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// A BL0942 whose real gains differ from the datasheet defaults by a few percent, as a real plug's
    /// shunt and divider tolerances do: counts per V, per A, per W and mWh per CF count.
    /// </summary>
    private sealed class SimulatedBl0942
    {
        public const double CountsPerVolt = 15600;
        public const double CountsPerAmp = 245000;
        public const double CountsPerWatt = 610;
        public const double MilliWattHoursPerCount = 180;

        private double _energyCounts = 1234;

        public byte[] Reply(double volts, double watts, double seconds)
        {
            double amps = watts / volts;
            _energyCounts += watts * seconds / 3.6 / MilliWattHoursPerCount;
            return Bl0942Packets.Build(
                (int)Math.Round(amps * CountsPerAmp),
                (int)Math.Round(volts * CountsPerVolt),
                -(int)Math.Round(watts * CountsPerWatt),
                (int)_energyCounts);
        }
    }

    private static void AssertWithin(double expected, double actual, double fraction)
    {
        Assert.InRange(actual, expected * (1 - fraction), expected * (1 + fraction));
    }

    [Fact]
    public void Reference_load_of_1000W_at_230V_brings_readings_within_half_a_percent()
    {
        var chip = new SimulatedBl0942();
        var link = new FakeSerialLink();
        var meter = new Bl0942Meter(link, Calibration.DefaultsFor(MeterChip.Bl0942), new Bl0942Options());
        var reading = new MeterReading();
        long t = 0;

        // 1. Reference load: 1000 W kettle at 230 V for 200 s; average the raw values the meter exposes.
        long sumV = 0, sumI = 0, sumP = 0, n = 0, rawEnergyStart = 0;
        for (int s = 0; s <= 200; s++, t += 1000)
        {
            link.Receive(chip.Reply(230.0, 1000.0, s == 0 ? 0 : 1));
            Assert.True(meter.TryRead(t, reading));
            if (s == 0)
            {
                rawEnergyStart = reading.RawEnergyTotal;
                continue;
            }

            sumV += reading.RawVoltage;
            sumI += reading.RawCurrent;
            sumP += reading.RawPower;
            n++;
        }

        // Before calibration the defaults are off by more than 2 % (so the check below can fail).
        Assert.True(reading.Has(ReadingFlags.Uncalibrated));
        Assert.True(Math.Abs(reading.VoltageMilliVolts - 230_000) > 230_000 * 0.02);

        var reference = new ReferenceMeasurement
        {
            TrueVoltageMilliVolts = 230_000,
            TrueCurrentMilliAmps = 4_348,
            TruePowerMilliWatts = 1_000_000,
            RawVoltage = sumV / n,
            RawCurrent = sumI / n,
            RawPower = sumP / n,
            RawEnergyDelta = reading.RawEnergyTotal - rawEnergyStart,
            ElapsedMs = 200_000,
        };
        Assert.Equal(ReferenceCheck.Ok, reference.Check());
        Calibration calibrated = meter.Calibration.CalibrateWith(reference);
        Assert.True(calibrated.IsReferenceCalibrated);
        meter.SetCalibration(calibrated);

        // 2. Other loads and voltages afterwards: every value within 0.5 %.
        foreach (var (volts, watts) in new[] { (230.0, 1000.0), (240.0, 2000.0), (220.0, 60.0), (235.0, 3000.0) })
        {
            link.Receive(chip.Reply(volts, watts, 1));
            Assert.True(meter.TryRead(t += 1000, reading));
            Assert.False(reading.Has(ReadingFlags.Uncalibrated));
            _output.WriteLine($"{volts} V {watts} W: errors V {Error(volts * 1000, reading.VoltageMilliVolts):P3}, I {Error(watts / volts * 1000, reading.CurrentMilliAmps):P3}, P {Error(watts * 1000, reading.PowerMilliWatts):P3}");
            AssertWithin(volts * 1000, reading.VoltageMilliVolts, 0.005);
            AssertWithin(watts / volts * 1000, reading.CurrentMilliAmps, 0.005 + 1.0 / (watts / volts * 1000));
            AssertWithin(watts * 1000, reading.PowerMilliWatts, 0.005);
        }

        // 3. Energy over an hour at 2 kW: 2000 Wh within 0.5 %.
        long energyStart = reading.EnergyMilliWattHours;
        for (int s = 0; s < 3600; s++)
        {
            link.Receive(chip.Reply(240.0, 2000.0, 1));
            meter.TryRead(t += 1000, reading);
        }

        _output.WriteLine($"energy 1 h at 2 kW: {reading.EnergyMilliWattHours - energyStart} mWh, error {Error(2_000_000, reading.EnergyMilliWattHours - energyStart):P3}");
        AssertWithin(2_000_000, reading.EnergyMilliWattHours - energyStart, 0.005);
    }

    private static double Error(double expected, double actual) => (actual - expected) / expected;

    [Fact]
    public void Cse7766_with_a_one_percent_factory_error_is_corrected_by_the_reference_load()
    {
        // The chip's own coefficients read 1 % high in voltage and 1.5 % low in current (so power −0.5 %).
        static byte[] Frame(double volts, double watts, int cf, int pCycleJitter) => Cse7766Frames.Build(
            0x55,
            (int)Math.Round(190_000 * 1.01), (int)Math.Round(190_000 / volts),
            (int)Math.Round(16_000 * 0.985), (int)Math.Round(16_000 / (watts / volts)),
            (int)Math.Round(5_300_000 * 1.01 * 0.985), (int)Math.Round(5_300_000 / watts) + pCycleJitter,
            0x71, cf);

        var link = new FakeSerialLink { MaxChunk = 64 };
        var meter = new Cse7766Meter(link, Calibration.DefaultsFor(MeterChip.Cse7766), new Cse7766Options());
        var reading = new MeterReading();
        link.Receive(Frame(230, 1000, 0, 1));
        link.Receive(Frame(230, 1000, 0, 0));
        Assert.True(meter.TryRead(1000, reading));
        Assert.True(Math.Abs(Error(230_000, reading.VoltageMilliVolts)) > 0.009);

        Calibration calibrated = meter.Calibration.CalibrateWith(new ReferenceMeasurement
        {
            TrueVoltageMilliVolts = 230_000,
            TrueCurrentMilliAmps = 4_348,
            TruePowerMilliWatts = 1_000_000,
            RawVoltage = reading.RawVoltage,
            RawCurrent = reading.RawCurrent,
            RawPower = reading.RawPower,
        });
        meter.SetCalibration(calibrated);

        link.Receive(Frame(240, 2000, 10, 0));
        Assert.True(meter.TryRead(2000, reading));
        AssertWithin(240_000, reading.VoltageMilliVolts, 0.005);
        AssertWithin(8_333, reading.CurrentMilliAmps, 0.005);
        AssertWithin(2_000_000, reading.PowerMilliWatts, 0.005);
    }

    [Fact]
    public void Without_energy_counts_the_energy_constant_follows_the_power_correction()
    {
        Calibration defaults = Calibration.DefaultsFor(MeterChip.Bl0942);
        var reference = new ReferenceMeasurement
        {
            TrueVoltageMilliVolts = 230_000,
            TrueCurrentMilliAmps = 4_348,
            TruePowerMilliWatts = 1_000_000,
            RawVoltage = 3_588_000,
            RawCurrent = 1_065_217,
            RawPower = 610_000, // default would read 1 023 490 mW: 2.35 % high
        };
        Calibration calibrated = defaults.CalibrateWith(reference);
        long before = defaults.ToMilliWattHours(1_000_000);
        long after = calibrated.ToMilliWattHours(1_000_000);
        Assert.InRange(after, (long)(before * 596.0 / 610.0) - 1, (long)(before * 596.0 / 610.0) + 1); // an exact rescale
        Assert.Equal(1_000_000, calibrated.ToMilliWatts(610_000));
    }

    [Theory]
    [InlineData(230_000, 4_348, 600_000, ReferenceCheck.NotResistive)]    // P far below V × I: a motor, not a kettle
    [InlineData(0, 4_348, 1_000_000, ReferenceCheck.NonPositiveTrueValue)]
    public void Unusable_reference_measurements_are_refused_with_a_reason(long mv, long ma, long mw, ReferenceCheck expected)
    {
        var m = new ReferenceMeasurement
        {
            TrueVoltageMilliVolts = mv,
            TrueCurrentMilliAmps = ma,
            TruePowerMilliWatts = mw,
            RawVoltage = 3_588_000,
            RawCurrent = 1_065_217,
            RawPower = 610_000,
        };
        Assert.Equal(expected, m.Check());
        var ex = Assert.Throws<ArgumentException>(() => Calibration.DefaultsFor(MeterChip.Bl0942).CalibrateWith(m));
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_zero_and_too_few_energy_counts_are_refused()
    {
        var m = new ReferenceMeasurement { TrueVoltageMilliVolts = 230_000, TrueCurrentMilliAmps = 4_348, TruePowerMilliWatts = 1_000_000, RawVoltage = 1, RawCurrent = 1, RawPower = 0 };
        Assert.Equal(ReferenceCheck.NonPositiveRawValue, m.Check());
        m.RawPower = 610_000;
        m.RawEnergyDelta = 12;
        m.ElapsedMs = 60_000;
        Assert.Equal(ReferenceCheck.TooFewEnergyCounts, m.Check());
    }

    [Fact]
    public void Record_round_trips_every_constant()
    {
        Calibration original = new Calibration(MeterChip.Bl0942, new Ratio(230_000, 3_588_000), new Ratio(4_348, 1_065_217), new Ratio(1_000_000, 610_000), new Ratio(180, 1), true);
        byte[] record = original.ToRecord();
        Assert.Equal(Calibration.RecordLength, record.Length);
        Assert.Equal(CalibrationRecordStatus.Valid, Calibration.CheckRecord(record, MeterChip.Bl0942));

        Calibration loaded = Calibration.FromRecordOrDefaults(record, Calibration.DefaultsFor(MeterChip.Bl0942));
        Assert.True(loaded.IsReferenceCalibrated);
        Assert.Equal(original.Voltage, loaded.Voltage);
        Assert.Equal(original.Current, loaded.Current);
        Assert.Equal(original.Power, loaded.Power);
        Assert.Equal(original.Energy, loaded.Energy);
        Assert.Equal(record, loaded.ToRecord());
    }

    [Fact]
    public void Any_single_corrupted_byte_is_refused()
    {
        byte[] good = Calibration.DefaultsFor(MeterChip.Bl0942).CalibrateWith(new ReferenceMeasurement
        {
            TrueVoltageMilliVolts = 230_000, TrueCurrentMilliAmps = 4_348, TruePowerMilliWatts = 1_000_000,
            RawVoltage = 3_588_000, RawCurrent = 1_065_217, RawPower = 610_000,
        }).ToRecord();

        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x04;
            Assert.NotEqual(CalibrationRecordStatus.Valid, Calibration.CheckRecord(bad, MeterChip.Bl0942));
        }
    }

    [Fact]
    public void Refused_record_falls_back_to_defaults_and_readings_say_uncalibrated()
    {
        Calibration defaults = Calibration.DefaultsFor(MeterChip.Bl0942);
        byte[] record = new Calibration(MeterChip.Bl0942, new Ratio(1, 15), new Ratio(1, 245), new Ratio(5, 3), new Ratio(180, 1), true).ToRecord();
        record[10] ^= 0xFF; // voltage denominator damaged on flash

        Assert.Equal(CalibrationRecordStatus.BadChecksum, Calibration.CheckRecord(record, MeterChip.Bl0942));
        Calibration loaded = Calibration.FromRecordOrDefaults(record, defaults);
        Assert.Same(defaults, loaded);

        var link = new FakeSerialLink();
        var meter = new Bl0942Meter(link, loaded, new Bl0942Options());
        link.Receive(Bl0942Packets.Build(47523, 3558558, -26380, 153));
        var reading = new MeterReading();
        Assert.True(meter.TryRead(0, reading));
        Assert.True(reading.Has(ReadingFlags.Uncalibrated));
        Assert.Equal(234316, reading.VoltageMilliVolts);
    }

    [Fact]
    public void Record_problems_have_distinct_reasons()
    {
        Calibration cal = Calibration.DefaultsFor(MeterChip.Bl0942);
        byte[] record = cal.ToRecord();
        Assert.Equal(CalibrationRecordStatus.Missing, Calibration.CheckRecord(null!, MeterChip.Bl0942));
        Assert.Equal(CalibrationRecordStatus.Missing, Calibration.CheckRecord(Array.Empty<byte>(), MeterChip.Bl0942));
        Assert.Equal(CalibrationRecordStatus.WrongLength, Calibration.CheckRecord(record.Take(39).ToArray(), MeterChip.Bl0942));
        Assert.Equal(CalibrationRecordStatus.WrongChip, Calibration.CheckRecord(record, MeterChip.Cse7766));

        byte[] magic = (byte[])record.Clone();
        magic[0] = (byte)'X';
        Assert.Equal(CalibrationRecordStatus.BadMagic, Calibration.CheckRecord(magic, MeterChip.Bl0942));

        byte[] future = (byte[])record.Clone();
        future[2] = 2;
        Assert.Equal(CalibrationRecordStatus.UnsupportedVersion, Calibration.CheckRecord(future, MeterChip.Bl0942));

        // A zero ratio term with a correct checksum (a bug that wrote it) is still refused.
        byte[] zero = (byte[])record.Clone();
        zero[6] = zero[7] = zero[8] = zero[9] = 0;
        int crc = Crc16.Compute(zero, 0, 38);
        zero[38] = (byte)crc;
        zero[39] = (byte)(crc >> 8);
        Assert.Equal(CalibrationRecordStatus.InvalidRatio, Calibration.CheckRecord(zero, MeterChip.Bl0942));
    }

    [Fact]
    public void Crc16_matches_the_ccitt_false_check_value()
    {
        Assert.Equal(0x29B1, Crc16.Compute("123456789"u8.ToArray(), 0, 9));
    }

    [Fact]
    public void Bl0942_defaults_are_Tasmotas_constants()
    {
        Calibration d = Calibration.DefaultsFor(MeterChip.Bl0942);
        Assert.Equal(230_000, d.ToMilliVolts(230L * 15187));
        Assert.Equal(1_000, d.ToMilliAmps(251213));
        Assert.Equal(1_000_000, d.ToMilliWatts(596_000));
        Assert.Equal(195, d.ToMilliWattHours(1)); // 4 194 304 / (36 × 596) = 195.48 mWh per CF count
        Assert.False(d.IsReferenceCalibrated);
    }

    [Fact]
    public void Bl0937_multipliers_for_the_Shelly_Plus_Plug_S_circuit()
    {
        // R 0.001 Ω, divider 1830 (esphome-devices). ESPHome: W/Hz = 1.218² × 1830 / 0.001 / 1 721 506 ≈ 1.577.
        Calibration c = Calibration.ForBl0937Circuit(1000, 1_830_000);
        Assert.InRange(c.ToMilliWatts(1_000_000), 1_576_500, 1_577_500);   // 1000 Hz on CF → 1577 W
        Assert.InRange(c.ToMilliAmps(1_000_000), 12_865, 12_875);          // 1000 Hz on CF1 → 12.87 A
        Assert.InRange(c.ToMilliVolts(1_000_000), 144_740, 144_790);       // 1000 Hz on CF1 → 144.8 V
        Assert.InRange(c.ToMilliWattHours(1_000), 437, 439);             // 1000 CF pulses → 0.438 Wh
    }
}
