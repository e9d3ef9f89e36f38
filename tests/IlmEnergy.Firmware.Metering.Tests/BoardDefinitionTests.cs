using System.Text.Json;
using System.Text.Json.Nodes;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

/// <summary>
/// hardware/boards/*.json are read by the server (rating, pins) and document what the firmware drives.
/// Each must satisfy board.schema.json and facts the schema cannot express: GPIOs that exist on the MCU,
/// no pin used twice, and default constants equal to the firmware's own defaults.
/// </summary>
public class BoardDefinitionTests
{
    private static readonly string BoardsDirectory = Path.Combine(Repo.Root, "hardware", "boards");

    // GPIOs that exist: ESP32 0–39 without 20, 24, 28–31; ESP32-C3 0–21. ESP32 34–39 are input only.
    private static readonly Dictionary<string, HashSet<int>> Gpios = new()
    {
        ["esp32"] = Enumerable.Range(0, 40).Except(new[] { 20, 24, 28, 29, 30, 31 }).ToHashSet(),
        ["esp32c3"] = Enumerable.Range(0, 22).ToHashSet(),
    };

    private static readonly HashSet<int> Esp32InputOnly = new() { 34, 35, 36, 37, 38, 39 };

    private static string[] BoardFileNames() =>
        Directory.GetFiles(BoardsDirectory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static TheoryData<string> BoardFiles() => new(BoardFileNames());

    private static JsonSchemaSubset Schema() =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, "board.schema.json"))).RootElement);

    [Fact]
    public void The_four_supported_boards_are_present()
    {
        Assert.Equal(new[] { "athom-plug-v3.json", "esp32-devkit-bl0942.json", "shelly-plug-s-gen3.json", "shelly-plus-plug-s.json" }, BoardFileNames());
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void Board_satisfies_the_schema(string fileName)
    {
        JsonElement board = JsonDocument.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, fileName))).RootElement;
        Assert.Empty(Schema().Validate(board));
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), board.GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void Pins_exist_on_the_mcu_and_are_used_once(string fileName)
    {
        JsonElement board = JsonDocument.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, fileName))).RootElement;
        string mcu = board.GetProperty("mcu").GetString()!;
        var outputs = new List<int>();
        var inputs = new List<int>();

        JsonElement meter = board.GetProperty("meter");
        if (meter.TryGetProperty("uart", out JsonElement uart))
        {
            inputs.Add(uart.GetProperty("rxPin").GetInt32());
            if (uart.GetProperty("txPin").ValueKind == JsonValueKind.Number)
            {
                outputs.Add(uart.GetProperty("txPin").GetInt32());
            }

            // nanoFramework on the C3 offers COM1 (debugger) and COM2 only.
            Assert.True(mcu != "esp32c3" || uart.GetProperty("port").GetString() != "COM3", "ESP32-C3 has no COM3");
        }

        if (meter.TryGetProperty("pulse", out JsonElement pulse))
        {
            // GpioPulseCounter needs the PCNT unit, which the ESP32-C3 lacks.
            Assert.Equal("esp32", mcu);
            inputs.Add(pulse.GetProperty("cfPin").GetInt32());
            inputs.Add(pulse.GetProperty("cf1Pin").GetInt32());
            outputs.Add(pulse.GetProperty("selPin").GetInt32());
        }

        outputs.Add(board.GetProperty("relay").GetProperty("pin").GetInt32());
        inputs.Add(board.GetProperty("button").GetProperty("pin").GetInt32());
        outputs.AddRange(board.GetProperty("led").GetProperty("pins").EnumerateArray().Select(p => p.GetInt32()));
        if (board.TryGetProperty("temperature", out JsonElement ntc))
        {
            inputs.Add(ntc.GetProperty("pin").GetInt32());
        }

        var all = outputs.Concat(inputs).ToList();
        Assert.All(all, pin => Assert.Contains(pin, Gpios[mcu]));
        Assert.Equal(all.Count, all.Distinct().Count());
        if (mcu == "esp32")
        {
            Assert.All(outputs, pin => Assert.DoesNotContain(pin, Esp32InputOnly));
        }
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void Calibration_defaults_equal_the_firmware_defaults(string fileName)
    {
        JsonElement board = JsonDocument.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, fileName))).RootElement;
        JsonElement meter = board.GetProperty("meter");
        JsonElement cal = board.GetProperty("calibration");
        Calibration expected = meter.GetProperty("chip").GetString() switch
        {
            "bl0942" => Calibration.DefaultsFor(MeterChip.Bl0942),
            "cse7766" => Calibration.DefaultsFor(MeterChip.Cse7766),
            "bl0937" => Calibration.ForBl0937Circuit(cal.GetProperty("shuntMicroOhms").GetInt64(), cal.GetProperty("voltageDividerMilli").GetInt64()),
            var other => throw new InvalidOperationException($"unknown chip {other}"),
        };

        AssertRatio(expected.Voltage, cal.GetProperty("voltage"));
        AssertRatio(expected.Current, cal.GetProperty("current"));
        AssertRatio(expected.Power, cal.GetProperty("power"));
        AssertRatio(expected.Energy, cal.GetProperty("energy"));
    }

    [Theory]
    [InlineData("meter.chip", "\"hlw9999\"")]      // unknown chip
    [InlineData("relay.pin", "40")]               // GPIO beyond the MCU
    [InlineData("meter.uart.parity", "\"mark\"")] // unsupported parity
    [InlineData("rated.powerW", "0")]
    [InlineData("meter.address", "7")]
    public void Schema_rejects_broken_boards(string path, string replacement)
    {
        JsonNode board = JsonNode.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, "shelly-plug-s-gen3.json")))!;
        string[] parts = path.Split('.');
        JsonNode parent = parts[..^1].Aggregate(board, (node, key) => node[key]!);
        parent[parts[^1]] = JsonNode.Parse(replacement);

        Assert.NotEmpty(Schema().Validate(JsonDocument.Parse(board.ToJsonString()).RootElement));
    }

    [Fact]
    public void Schema_requires_pulse_pins_for_bl0937_and_a_uart_otherwise()
    {
        JsonNode board = JsonNode.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, "shelly-plug-s-gen3.json")))!;
        board["meter"]!["chip"] = "bl0937";
        Assert.Contains(Schema().Validate(JsonDocument.Parse(board.ToJsonString()).RootElement), e => e.Contains("pulse", StringComparison.Ordinal));

        JsonNode missing = JsonNode.Parse(File.ReadAllText(Path.Combine(BoardsDirectory, "athom-plug-v3.json")))!;
        missing.AsObject().Remove("rated");
        Assert.Contains(Schema().Validate(JsonDocument.Parse(missing.ToJsonString()).RootElement), e => e.Contains("rated", StringComparison.Ordinal));
    }

    private static void AssertRatio(Ratio expected, JsonElement actual)
    {
        Assert.Equal(expected.Numerator, actual.GetProperty("numerator").GetInt32());
        Assert.Equal(expected.Denominator, actual.GetProperty("denominator").GetInt32());
    }
}
