using System.Text;
using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.App.Tests;

/// <summary>The documented example is what a new owner copies: it must parse and name a board the firmware knows.</summary>
public class ConfigExampleTests
{
    private static string Example() => AppFolder.Read("ilm.conf.example");

    [Fact]
    public void The_example_parses_and_its_board_is_in_the_pin_table()
    {
        DeviceConfig config = DeviceConfig.Parse(Example());
        Assert.NotNull(BoardPins.Find(config.Board));
        Assert.Equal(1883, config.BrokerPort);
        Assert.Equal(32, config.ServerKey.Length);
    }

    [Fact]
    public void The_example_lists_every_board_of_the_pin_table()
    {
        string example = Example();
        foreach (BoardPins board in BoardPins.All)
        {
            Assert.Contains(board.Id, example, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BoardIds))]
    public void Every_board_id_passes_the_device_config_rules(string id)
    {
        string text = Example().Replace("board=esp32-devkit-bl0942", "board=" + id, StringComparison.Ordinal);
        Assert.Equal(id, DeviceConfig.Parse(text).Board);
    }

    [Fact]
    public void The_example_is_plain_ascii_as_littlefs_and_the_parser_expect()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppFolder.Root, "ilm.conf.example"));
        Assert.All(bytes, b => Assert.True(b < 0x80, "non-ASCII byte in ilm.conf.example"));
        Assert.Equal(Example(), Encoding.ASCII.GetString(bytes));
    }

    public static TheoryData<string> BoardIds()
    {
        TheoryData<string> data = [];
        foreach (BoardPins board in BoardPins.All)
        {
            data.Add(board.Id);
        }

        return data;
    }
}
