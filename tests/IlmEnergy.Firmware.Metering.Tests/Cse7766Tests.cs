using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

/// <summary>CSE7766 frames from Tasmota's xnrg_02_cse7766.ino comment, complete with their checksum bytes.</summary>
public class Cse7766Tests
{
    private const string OkVoltage = "55 5A 02 DB 40 00 03 25 00 3D 18 03 8E CD 4F 0A 60 2A 56 85 61 01 02 1A";
    private const string NoLoad = "F2 5A 02 F7 60 00 03 61 00 40 10 05 72 40 51 A6 58 63 10 1B E1 7F 4D 4E";
    private const string PowerValid = "55 5A 02 F7 60 00 03 AB 00 40 10 02 60 5D 51 A6 58 03 E9 EF 71 0B 7A 36";
    private const string CfOverflow = "55 5A 02 F1 E8 00 07 9D 00 3F 3E 00 35 F8 50 DB 38 00 B2 A2 F1 D6 97 3E";

    private static Cse7766Frame ParseOne(byte[] bytes)
    {
        var parser = new Cse7766FrameParser();
        int frames = bytes.Count(b => parser.Feed(b, 0));
        Assert.Equal(1, frames);
        return parser.Frame;
    }

    private static (Cse7766Meter Meter, FakeSerialLink Link) Create(Cse7766Options? options = null)
    {
        var link = new FakeSerialLink { MaxChunk = 64 };
        return (new Cse7766Meter(link, Calibration.DefaultsFor(MeterChip.Cse7766), options ?? new Cse7766Options()), link);
    }

    [Theory]
    [InlineData(OkVoltage, 0x1A)]
    [InlineData(NoLoad, 0x4E)]
    [InlineData(PowerValid, 0x36)]
    [InlineData(CfOverflow, 0x3E)]
    [InlineData("55 5A 02 F7 60 00 03 5A 00 40 10 04 8B 9F 51 A6 58 18 72 75 61 AC A1 30", 0x30)]
    public void Tasmota_frames_pass_the_additive_checksum(string hex, byte checksum)
    {
        byte[] frame = Hex.Parse(hex);
        Assert.Equal(checksum, Cse7766Frame.ComputeChecksum(frame, 0));
        ParseOne(frame);
    }

    [Fact]
    public void Sample_frame_decodes_to_232_5_volts()
    {
        Cse7766Frame f = ParseOne(Hex.Parse(OkVoltage));
        Assert.Equal(0x55, f.Header);
        Assert.Equal(187200, f.VoltageCoefficient);
        Assert.Equal(805, f.VoltageCycle);
        Assert.Equal(15640, f.CurrentCoefficient);
        Assert.Equal(233165, f.CurrentCycle);
        Assert.Equal(5180000, f.PowerCoefficient);
        Assert.Equal(2774661, f.PowerCycle);
        Assert.Equal(0x61, f.Adjustment);
        Assert.Equal(258, f.CfPulses);
        Assert.Equal(232546584, f.VoltageMicroVolts); // 187 200 / 805 V
        Assert.True(f.VoltageValid);
        Assert.True(f.CurrentValid);
        Assert.False(f.PowerValid); // adj 0x61: power bit clear (load below ~5 W)
    }

    [Fact]
    public void Valid_power_frame_decodes_to_20_86_watts()
    {
        Cse7766Frame f = ParseOne(Hex.Parse(PowerValid));
        Assert.True(f.PowerValid);
        Assert.Equal(20862005, f.PowerMicroWatts);   // 5 351 000 / 256 495 W
        Assert.Equal(105303, f.CurrentMicroAmps);    // 16 400 / 155 741 A
        Assert.Equal(207028754, f.VoltageMicroVolts); // 194 400 / 939 V
        Assert.Equal(2938, f.CfPulses);
    }

    [Fact]
    public void Adj_bit_0x80_marks_cf_overflow()
    {
        Assert.True(ParseOne(Hex.Parse(CfOverflow)).CfOverflow);
        Assert.False(ParseOne(Hex.Parse(OkVoltage)).CfOverflow);
    }

    [Fact]
    public void Corrupt_checksum_is_rejected()
    {
        byte[] frame = Hex.Parse(OkVoltage);
        frame[6] ^= 0x10;
        var parser = new Cse7766FrameParser();
        Assert.DoesNotContain(frame, b => parser.Feed(b, 0));
        Assert.Equal(1, parser.ChecksumErrors);
    }

    [Fact]
    public void Garbage_and_false_headers_between_frames_are_resynchronised()
    {
        // "55 5A" inside the garbage is a false start whose checksum fails.
        byte[] stream = Hex.Parse("13 37 55 5A 00 01 AA")
            .Concat(Hex.Parse(OkVoltage))
            .Concat(Hex.Parse("5A 5A F0 00 55"))
            .Concat(Hex.Parse(PowerValid))
            .Concat(Hex.Parse("55 5A 02"))
            .ToArray();
        var parser = new Cse7766FrameParser();
        var cf = new List<int>();
        foreach (byte b in stream)
        {
            if (parser.Feed(b, 0))
            {
                cf.Add(parser.Frame.CfPulses);
            }
        }

        Assert.Equal(new[] { 258, 2938 }, cf);
        Assert.Equal(3, parser.PendingBytes); // the trailing partial frame waits for the rest
    }

    [Fact]
    public void Partial_frame_older_than_the_timeout_is_dropped()
    {
        byte[] frame = Hex.Parse(OkVoltage);
        var parser = new Cse7766FrameParser(partialFrameTimeoutMs: 1500);
        Assert.DoesNotContain(frame.Take(12), b => parser.Feed(b, 0));
        Assert.Single(frame, b => parser.Feed(b, 5000));
        Assert.Equal(1, parser.PartialFrameTimeouts);
    }

    [Fact]
    public void Header_0xAA_uses_Tasmota_fallback_coefficients()
    {
        byte[] frame = Hex.Parse(OkVoltage);
        frame[0] = 0xAA; // the checksum does not cover the header
        Cse7766Frame f = ParseOne(frame);
        Assert.False(f.IsChipCalibrated);
        Assert.Equal(191200, f.EffectiveVoltageCoefficient);
        Assert.Equal(16140, f.EffectiveCurrentCoefficient);
        Assert.Equal(5364000, f.EffectivePowerCoefficient);
        Assert.Equal(237515528, f.VoltageMicroVolts); // 191 200 / 805 V

        var (meter, link) = Create();
        link.Receive(frame);
        var reading = new MeterReading();
        Assert.True(meter.TryRead(1000, reading));
        Assert.Equal(237516, reading.VoltageMilliVolts);
        Assert.True(reading.Has(ReadingFlags.ChipNotCalibrated));
    }

    [Theory]
    [InlineData(0xF8)] // voltage cycle out of range
    [InlineData(0xF4)] // current cycle out of range
    [InlineData(0xF1)] // coefficient storage bad
    [InlineData(0xFC)] // Tasmota's "abnormal hardware"
    public void Error_headers_invalidate_the_values(int header)
    {
        byte[] frame = Hex.Parse(PowerValid);
        frame[0] = (byte)header;
        Cse7766Frame f = ParseOne(frame);
        Assert.True(f.HasFatalError);
        Assert.False(f.VoltageValid);
        Assert.False(f.CurrentValid);
        Assert.False(f.PowerValid);

        var (meter, link) = Create();
        link.Receive(frame);
        var reading = new MeterReading();
        Assert.False(meter.TryRead(1000, reading));
        Assert.True(reading.Has(ReadingFlags.ChipError));
        Assert.False(reading.Has(ReadingFlags.VoltageValid));
        Assert.Equal(0, reading.VoltageMilliVolts);
    }

    [Fact]
    public void Header_0xF2_means_no_load_but_voltage_stays_valid()
    {
        var (meter, link) = Create();
        link.Receive(Hex.Parse(NoLoad));
        var reading = new MeterReading();
        Assert.True(meter.TryRead(1000, reading));
        Assert.Equal(0, reading.PowerMilliWatts);
        Assert.Equal(0, reading.CurrentMilliAmps); // current is 0 whenever power is 0
        Assert.Equal(224740, reading.VoltageMilliVolts); // 194 400 / 865 V
        Assert.True(reading.Has(ReadingFlags.PowerValid | ReadingFlags.VoltageValid));
        Assert.False(reading.Has(ReadingFlags.ChipError));
    }

    [Fact]
    public void First_power_cycle_is_skipped_then_power_is_reported()
    {
        var (meter, link) = Create();
        var reading = new MeterReading();
        byte[] first = Cse7766Frames.Build(0x55, 194400, 939, 16400, 155741, 5351000, 256495, 0x71, 100);
        byte[] second = Cse7766Frames.Build(0x55, 194400, 939, 16400, 155741, 5351000, 256600, 0x71, 100);

        link.Receive(first);
        meter.TryRead(1000, reading);
        Assert.Equal(0, reading.PowerMilliWatts);

        link.Receive(second);
        meter.TryRead(2000, reading);
        Assert.Equal(20853, reading.PowerMilliWatts); // 5 351 000 / 256 600 W
        Assert.Equal(105, reading.CurrentMilliAmps);
    }

    [Fact]
    public void Power_holds_through_short_invalid_runs_and_drops_to_zero_after_the_limit()
    {
        var (meter, link) = Create(new Cse7766Options { InvalidPowerFramesBeforeZero = 3 });
        var reading = new MeterReading();
        link.Receive(Cse7766Frames.Build(0x55, 194400, 939, 16400, 155741, 5351000, 256495, 0x71, 1));
        link.Receive(Cse7766Frames.Build(0x55, 194400, 939, 16400, 155741, 5351000, 256600, 0x71, 1));
        meter.TryRead(1000, reading);
        Assert.Equal(20853, reading.PowerMilliWatts);

        byte[] invalid = Cse7766Frames.Build(0x55, 194400, 939, 16400, 155741, 5351000, 256600, 0x61, 1);
        link.Receive(invalid);
        link.Receive(invalid);
        link.Receive(invalid);
        meter.TryRead(2000, reading);
        Assert.Equal(20853, reading.PowerMilliWatts);

        link.Receive(invalid);
        meter.TryRead(3000, reading);
        Assert.Equal(0, reading.PowerMilliWatts);
    }

    [Fact]
    public void Cf_counter_wraps_16_bits_several_times_with_continuous_energy()
    {
        // 3.5 kW load with the sample coefficient: 3 499.7 W / 5.351 J per pulse ≈ 654 CF pulses per second; 400 s cross 3 wraps.
        var (meter, link) = Create();
        var reading = new MeterReading();
        const int PCoef = 5351000;
        const int PCycle = 1529; // 5 351 000 / 1529 ≈ 3500 W
        int cf = 65000;
        long pulses = 0;
        long previous = 0;
        link.Receive(Cse7766Frames.Build(0x55, 194400, 845, 16400, 1075, PCoef, PCycle + 1, 0x71, cf));
        meter.TryRead(0, reading);

        for (int s = 1; s <= 400; s++)
        {
            cf = (cf + 654) & 0xFFFF;
            pulses += 654;
            link.Receive(Cse7766Frames.Build(0x55, 194400, 845, 16400, 1075, PCoef, PCycle, 0x71, cf));
            Assert.True(meter.TryRead(s * 1000L, reading));
            Assert.True(reading.EnergyMilliWattHours >= previous);
            previous = reading.EnergyMilliWattHours;
        }

        Assert.True(pulses > 3 * 65536);
        Assert.Equal(pulses * PCoef, reading.RawEnergyTotal); // µJ
        long expectedMWh = pulses * PCoef / 3_600_000;
        Assert.InRange(reading.EnergyMilliWattHours, expectedMWh - 1, expectedMWh + 2);

        // Cross-check against power × time: 3 499.7 W for 400 s ≈ 388.85 Wh.
        Assert.InRange(reading.EnergyMilliWattHours, 388_000, 389_500);
        Assert.False(reading.Has(ReadingFlags.EnergyStepRejected));
    }
}
