using System.Text.Json;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.App.Tests;

/// <summary>The plug's static pin table must say exactly what hardware/boards/*.json says.</summary>
public class BoardPinsTests
{
    private static readonly string BoardsFolder = Path.Combine(AppFolder.RepoRoot, "hardware", "boards");

    private static string[] BoardIds() =>
        [.. Directory.GetFiles(BoardsFolder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> BoardFiles() => new(BoardIds());

    private static JsonElement Load(string id)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(BoardsFolder, id + ".json")));
        return doc.RootElement.Clone();
    }

    private static int PinOrNone(JsonElement value) => value.ValueKind == JsonValueKind.Null ? BoardPins.NoPin : value.GetInt32();

    [Fact]
    public void The_table_has_exactly_the_boards_of_the_hardware_folder()
    {
        string[] files = BoardIds();
        string[] table = [.. BoardPins.All.Select(b => b.Id).Order(StringComparer.Ordinal)];
        Assert.Equal(files, table);
        Assert.Equal(4, table.Length);
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void Pins_match_the_board_json(string id)
    {
        JsonElement json = Load(id);
        BoardPins board = BoardPins.Find(id);
        Assert.NotNull(board);

        Assert.Equal(json.GetProperty("id").GetString(), board.Id);
        Assert.Equal(json.GetProperty("mcu").GetString() == "esp32c3", board.IsEsp32C3);
        Assert.Equal(json.GetProperty("nanoffTarget").GetString(), board.NanoffTarget);

        JsonElement meter = json.GetProperty("meter");
        Assert.Equal(meter.GetProperty("chip").GetString(), board.Chip.ToString().ToLowerInvariant());
        Assert.Equal(meter.GetProperty("chip").GetString(), board.ChipName.ToLowerInvariant());
        if (meter.TryGetProperty("uart", out JsonElement uart))
        {
            Assert.Equal(uart.GetProperty("port").GetString(), board.UartPort);
            Assert.Equal(uart.GetProperty("baud").GetInt32(), board.UartBaud);
            Assert.Equal(uart.GetProperty("parity").GetString(), board.UartParity.ToString().ToLowerInvariant());
            Assert.Equal(uart.GetProperty("stopBits").GetInt32(), board.UartStopBits);
            Assert.Equal(8, uart.GetProperty("dataBits").GetInt32());
            Assert.Equal(PinOrNone(uart.GetProperty("txPin")), board.UartTxPin);
            Assert.Equal(uart.GetProperty("rxPin").GetInt32(), board.UartRxPin);
            Assert.Equal(BoardPins.NoPin, board.CfPin);
        }
        else
        {
            JsonElement pulse = meter.GetProperty("pulse");
            Assert.Equal(pulse.GetProperty("cfPin").GetInt32(), board.CfPin);
            Assert.Equal(pulse.GetProperty("cf1Pin").GetInt32(), board.Cf1Pin);
            Assert.Equal(pulse.GetProperty("selPin").GetInt32(), board.SelPin);
            Assert.Equal(pulse.GetProperty("selInverted").GetBoolean(), board.SelInverted);
            Assert.Null(board.UartPort);
        }

        int address = meter.TryGetProperty("address", out JsonElement a) ? a.GetInt32() : 0;
        Assert.Equal(address, board.MeterAddress);

        Assert.Equal(json.GetProperty("relay").GetProperty("pin").GetInt32(), board.RelayPin);
        Assert.Equal(json.GetProperty("relay").GetProperty("activeHigh").GetBoolean(), board.RelayActiveHigh);

        JsonElement button = json.GetProperty("button");
        Assert.Equal(button.GetProperty("pin").GetInt32(), board.ButtonPin);
        Assert.Equal(button.GetProperty("inverted").GetBoolean(), board.ButtonPressedLow);
        Assert.Equal(button.GetProperty("pullUp").GetBoolean(), board.ButtonPullUp);

        JsonElement led = json.GetProperty("led");
        if (led.GetProperty("type").GetString() == "gpio")
        {
            Assert.Equal(led.GetProperty("pins")[0].GetInt32(), board.StatusLedPin);
            Assert.Equal(led.GetProperty("inverted").GetBoolean(), board.StatusLedInverted);
        }
        else
        {
            Assert.Equal(BoardPins.NoPin, board.StatusLedPin);
        }
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void Default_calibration_matches_the_board_json(string id)
    {
        JsonElement cal = Load(id).GetProperty("calibration");
        Calibration defaults = BoardPins.Find(id).DefaultCalibration();

        Assert.Equal(BoardPins.Find(id).Chip, defaults.Chip);
        Assert.False(defaults.IsReferenceCalibrated);
        AssertRatio(cal.GetProperty("voltage"), defaults.Voltage);
        AssertRatio(cal.GetProperty("current"), defaults.Current);
        AssertRatio(cal.GetProperty("power"), defaults.Power);
        AssertRatio(cal.GetProperty("energy"), defaults.Energy);

        if (cal.TryGetProperty("shuntMicroOhms", out JsonElement shunt))
        {
            Assert.Equal(shunt.GetInt64(), BoardPins.Find(id).ShuntMicroOhms);
            Assert.Equal(cal.GetProperty("voltageDividerMilli").GetInt64(), BoardPins.Find(id).VoltageDividerMilli);
        }
    }

    private static void AssertRatio(JsonElement expected, Ratio actual)
    {
        Assert.Equal(expected.GetProperty("numerator").GetInt32(), actual.Numerator);
        Assert.Equal(expected.GetProperty("denominator").GetInt32(), actual.Denominator);
    }

    [Fact]
    public void Pulse_meters_only_sit_on_the_classic_esp32_and_meter_uarts_avoid_com1()
    {
        foreach (BoardPins board in BoardPins.All)
        {
            if (board.Chip == MeterChip.Bl0937)
            {
                Assert.False(board.IsEsp32C3, board.Id + ": the ESP32-C3 has no PCNT");
            }
            else
            {
                Assert.Contains(board.UartPort, new[] { "COM2", "COM3" });
            }
        }
    }

    [Fact]
    public void Unknown_or_missing_ids_are_not_found_and_known_ids_are_listed()
    {
        Assert.Null(BoardPins.Find("sonoff-s31"));
        Assert.Null(BoardPins.Find(null));
        Assert.Null(BoardPins.Find("Shelly-Plug-S-Gen3"));
        Assert.Equal("shelly-plug-s-gen3, athom-plug-v3, shelly-plus-plug-s, esp32-devkit-bl0942", BoardPins.KnownIds());
    }
}
