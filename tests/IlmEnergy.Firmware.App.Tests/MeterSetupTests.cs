using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.App.Tests;

public class MeterSetupTests
{
    private sealed class RecordingLink : ISerialLink
    {
        public List<byte[]> Written { get; } = [];

        public int Read(byte[] buffer, int offset, int count) => 0;

        public void Write(byte[] buffer, int offset, int count) => Written.Add(buffer.AsSpan(offset, count).ToArray());
    }

    private sealed class Counter : IPulseCounter
    {
        public long ReadCount() => 0;
    }

    private sealed class Output : IDigitalOutput
    {
        public List<bool> Levels { get; } = [];

        public void Write(bool high) => Levels.Add(high);
    }

    [Theory]
    [InlineData("shelly-plug-s-gen3", typeof(Bl0942Meter))]
    [InlineData("esp32-devkit-bl0942", typeof(Bl0942Meter))]
    [InlineData("athom-plug-v3", typeof(Cse7766Meter))]
    public void Uart_boards_get_their_chip_driver_on_the_link(string id, Type driver)
    {
        BoardPins board = BoardPins.Find(id);
        var link = new RecordingLink();
        IMeter meter = MeterSetup.Create(board, board.DefaultCalibration(), link, null, null, null);

        Assert.IsType(driver, meter);
        Assert.Equal(board.Chip, meter.Chip);
        meter.Start(0);
        if (board.Chip == MeterChip.Bl0942)
        {
            // BL0942 setup: register writes (0xA8 | address) and a poll (0x58 | address) go out on the link.
            Assert.Contains(link.Written, w => w[0] == (0xA8 | board.MeterAddress));
            Assert.Contains(link.Written, w => w[0] == (0x58 | board.MeterAddress));
        }
        else
        {
            Assert.Empty(link.Written); // the CSE7766 only transmits
        }
    }

    [Fact]
    public void The_bl0937_board_gets_pulse_counters_and_an_inverted_sel()
    {
        BoardPins board = BoardPins.Find("shelly-plus-plug-s");
        var sel = new Output();
        IMeter meter = MeterSetup.Create(board, board.DefaultCalibration(), null, new Counter(), new Counter(), sel);

        Assert.IsType<Bl0937Meter>(meter);
        meter.Start(0);
        // Start selects current mode: logical high, inverted on this board → physical low.
        Assert.Equal([false], sel.Levels);
    }

    [Fact]
    public void Missing_glue_or_a_calibration_for_another_chip_is_refused_with_a_reason()
    {
        BoardPins bl0942 = BoardPins.Find("shelly-plug-s-gen3");
        ArgumentException noLink = Assert.Throws<ArgumentException>(() => MeterSetup.Create(bl0942, bl0942.DefaultCalibration(), null, null, null, null));
        Assert.Contains("COM2", noLink.Message, StringComparison.Ordinal);

        BoardPins bl0937 = BoardPins.Find("shelly-plus-plug-s");
        ArgumentException noCounters = Assert.Throws<ArgumentException>(() => MeterSetup.Create(bl0937, bl0937.DefaultCalibration(), null, new Counter(), null, new Output()));
        Assert.Contains("pulse counters", noCounters.Message, StringComparison.Ordinal);

        ArgumentException wrongChip = Assert.Throws<ArgumentException>(() => MeterSetup.Create(bl0942, Calibration.DefaultsFor(MeterChip.Cse7766), new RecordingLink(), null, null, null));
        Assert.Contains("another chip", wrongChip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_stored_calibration_is_used_and_anything_else_falls_back_to_the_board_defaults()
    {
        BoardPins board = BoardPins.Find("shelly-plug-s-gen3");
        Calibration measured = new(MeterChip.Bl0942, new Ratio(1000, 15000), new Ratio(1000, 250000), new Ratio(1000, 600), new Ratio(262144, 1350), true);

        Calibration chosen = MeterSetup.ChooseCalibration(board, measured.ToRecord());
        Assert.True(chosen.IsReferenceCalibrated);
        Assert.Equal(15000, chosen.Voltage.Denominator);

        Assert.False(MeterSetup.ChooseCalibration(board, null).IsReferenceCalibrated);

        byte[] corrupt = measured.ToRecord();
        corrupt[10] ^= 0x01;
        Assert.Equal(15187, MeterSetup.ChooseCalibration(board, corrupt).Voltage.Denominator);

        Calibration otherChip = new(MeterChip.Cse7766, new Ratio(1, 1000), new Ratio(1, 1000), new Ratio(1, 1000), new Ratio(1, 3600000), true);
        Assert.False(MeterSetup.ChooseCalibration(board, otherChip.ToRecord()).IsReferenceCalibrated);
    }
}
