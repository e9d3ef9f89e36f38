using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

/// <summary>BL0942 packets from Tasmota's xnrg_14_bl09xx.ino comment (40 W bulb on 230 V), checksum byte appended.</summary>
public class Bl0942FrameParserTests
{
    // Tasmota prints bytes 0..21; byte 22 is the chip's checksum ~(0x58 + Σ bytes 0..21).
    public static readonly TheoryData<string, int, int, int, int, byte> TasmotaFrames = new()
    {
        { "55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 3558558, 47523, -26380, 0x4E16, 0x76 },
        { "55 AC B9 00 79 4D 36 C4 43 00 EF 98 FF 99 00 00 16 4E 00 01 01 00", 3558777, 47532, -26385, 0x4E16, 0x65 },
        { "55 40 BA 00 2D 50 36 FE 43 00 96 98 FF 99 00 00 16 4E 00 01 01 00", 3559469, 47680, -26474, 0x4E16, 0x38 },
        { "55 91 B9 00 33 4C 36 FB 43 00 FC 98 FF 99 00 00 1E 4E 00 21 01 00", 3558451, 47505, -26372, 0x4E1E, 0x5B },
        { "55 AF B9 00 05 51 36 D1 43 00 E4 98 FF 99 00 00 1E 4E 00 21 01 00", 3559685, 47535, -26396, 0x4E1E, 0xA8 },
        { "55 21 BA 00 3A 5E 36 10 44 00 8B 98 FF 99 00 00 16 4E 00 01 01 00", 3563066, 47649, -26485, 0x4E16, 0x34 },
        { "55 BE B9 00 B2 55 36 9D 42 00 D7 98 FF 99 00 00 1E 4E 00 21 01 00", 3560882, 47550, -26409, 0x4E1E, 0x2A },
    };

    private static byte[] WithChecksum(string hex, byte checksum) => Hex.Parse(hex).Append(checksum).ToArray();

    private static int FeedAll(Bl0942FrameParser parser, byte[] bytes, long nowMs = 0)
    {
        int frames = 0;
        foreach (byte b in bytes)
        {
            if (parser.Feed(b, nowMs))
            {
                frames++;
            }
        }

        return frames;
    }

    [Theory]
    [MemberData(nameof(TasmotaFrames))]
    public void Tasmota_frames_pass_checksum_and_decode_to_the_printed_registers(string hex, int v, int i, int w, int freq, byte checksum)
    {
        byte[] packet = WithChecksum(hex, checksum);
        Assert.Equal(checksum, Bl0942Frame.ComputeChecksum(packet, 0, address: 0));

        var parser = new Bl0942FrameParser(address: 0);
        Assert.Equal(1, FeedAll(parser, packet));
        Bl0942Frame frame = parser.Frame;
        Assert.Equal(v, frame.VoltageRaw);
        Assert.Equal(i, frame.CurrentRaw);
        Assert.Equal(w, frame.PowerRaw);
        Assert.Equal(153, frame.EnergyCounter);
        Assert.Equal(freq, frame.FrequencyPeriod);
    }

    [Fact]
    public void First_sample_frame_converts_to_234V_189mA_44W_50Hz_with_Tasmota_constants()
    {
        var parser = new Bl0942FrameParser(0);
        FeedAll(parser, WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76));
        Calibration cal = Calibration.DefaultsFor(MeterChip.Bl0942);
        Bl0942Frame f = parser.Frame;

        Assert.Equal(234316, cal.ToMilliVolts(f.VoltageRaw));        // 3 558 558 / 15 187 V
        Assert.Equal(189, cal.ToMilliAmps(f.CurrentRaw));            // 47 523 / 251 213 A
        Assert.Equal(44262, cal.ToMilliWatts(Math.Abs(f.PowerRaw))); // 26 380 / 596 W
        Assert.Equal(50025, f.FrequencyMilliHertz);                  // 10⁹ / 0x4E16 mHz
        Assert.Equal(0x01, f.Status);
    }

    [Fact]
    public void Checksum_depends_on_the_chip_address()
    {
        byte[] packet = WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76);
        Assert.Equal(0, FeedAll(new Bl0942FrameParser(address: 1), packet));
        Assert.Equal(0x75, Bl0942Frame.ComputeChecksum(packet, 0, address: 1));
    }

    [Fact]
    public void Corrupt_checksum_is_rejected_and_counted()
    {
        byte[] packet = WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76);
        packet[5] ^= 0x01; // one bit of V_RMS flipped in transit
        var parser = new Bl0942FrameParser(0);
        Assert.Equal(0, FeedAll(parser, packet));
        Assert.Equal(1, parser.ChecksumErrors);
        Assert.Equal(0, parser.FramesAccepted);
    }

    [Fact]
    public void Garbage_before_between_and_after_frames_is_skipped()
    {
        byte[] a = WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76);
        byte[] b = WithChecksum("55 AC B9 00 79 4D 36 C4 43 00 EF 98 FF 99 00 00 16 4E 00 01 01 00", 0x65);

        // Garbage that itself contains the 0x55 header byte, so the parser must fall back through a false start.
        byte[] stream = Hex.Parse("00 FF 55 12 34 55")
            .Concat(a)
            .Concat(Hex.Parse("55 55 AA 01"))
            .Concat(b)
            .Concat(Hex.Parse("13 55"))
            .ToArray();

        var parser = new Bl0942FrameParser(0);
        var voltages = new List<int>();
        foreach (byte x in stream)
        {
            if (parser.Feed(x, 0))
            {
                voltages.Add(parser.Frame.VoltageRaw);
            }
        }

        Assert.Equal(new[] { 3558558, 3558777 }, voltages);
        Assert.True(parser.BytesDiscarded >= 10);
    }

    [Fact]
    public void Truncated_frame_times_out_and_the_next_reply_still_parses()
    {
        byte[] full = WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76);
        var parser = new Bl0942FrameParser(0, partialFrameTimeoutMs: 200);

        Assert.Equal(0, FeedAll(parser, full.Take(15).ToArray(), nowMs: 1000));
        Assert.Equal(15, parser.PendingBytes);

        // Without the timeout these 23 bytes would complete the stale partial and fail its checksum.
        Assert.Equal(1, FeedAll(parser, full, nowMs: 2000));
        Assert.Equal(1, parser.PartialFrameTimeouts);
        Assert.Equal(3558558, parser.Frame.VoltageRaw);
    }

    [Fact]
    public void Frame_split_across_reads_within_the_timeout_is_assembled()
    {
        byte[] full = WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76);
        var parser = new Bl0942FrameParser(0, partialFrameTimeoutMs: 200);
        Assert.Equal(0, FeedAll(parser, full.Take(10).ToArray(), nowMs: 1000));
        Assert.Equal(1, FeedAll(parser, full.Skip(10).ToArray(), nowMs: 1150));
    }

    [Fact]
    public void Every_prefix_of_a_frame_alone_yields_nothing()
    {
        byte[] full = WithChecksum("55 A3 B9 00 9E 4C 36 93 43 00 F4 98 FF 99 00 00 16 4E 00 01 01 00", 0x76);
        for (int n = 0; n < full.Length; n++)
        {
            Assert.Equal(0, FeedAll(new Bl0942FrameParser(0), full.Take(n).ToArray()));
        }
    }

    [Fact]
    public void Command_frames_match_the_documented_bytes()
    {
        Assert.Equal(new byte[] { 0x58, 0xAA }, Bl0942Commands.ReadAll(0));
        Assert.Equal(new byte[] { 0x5A, 0xAA }, Bl0942Commands.ReadAll(2));

        // (0xA8 + 0x1D + 0x55) & 0xFF = 0x1A, ^ 0xFF = 0xE5
        Assert.Equal(new byte[] { 0xA8, 0x1D, 0x55, 0x00, 0x00, 0xE5 }, Bl0942Commands.WriteRegister(0, 0x1D, 0x55));

        // MODE 0x8F at 50 Hz: (0xA8 + 0x19 + 0x8F) & 0xFF = 0x50, ^ 0xFF = 0xAF
        Assert.Equal(0x8F, Bl0942Commands.ModeValue(sixtyHertz: false));
        Assert.Equal(0xAF, Bl0942Commands.ModeValue(sixtyHertz: true));
        Assert.Equal(new byte[] { 0xA8, 0x19, 0x8F, 0x00, 0x00, 0xAF }, Bl0942Commands.WriteRegister(0, 0x19, 0x8F));

        // Soft reset 0x5A5A5A: (0xA8 + 0x1C + 0x5A × 3) & 0xFF = 0xD2, ^ 0xFF = 0x2D
        Assert.Equal(new byte[] { 0xA8, 0x1C, 0x5A, 0x5A, 0x5A, 0x2D }, Bl0942Commands.WriteRegister(0, 0x1C, 0x5A5A5A));
    }
}
