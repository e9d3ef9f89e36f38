using System.Globalization;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>Durations on the command line: "90s", "30m", "6h", "2d" or a TimeSpan ("01:30:00").</summary>
public static class DurationText
{
    public static TimeSpan Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        char unit = text[^1];
        if (char.IsLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0)
        {
            return unit switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                'd' => TimeSpan.FromDays(value),
                _ => throw new FormatException($"'{text}': unit must be s, m, h or d"),
            };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span > TimeSpan.Zero
            ? span
            : throw new FormatException($"'{text}' is not a duration (e.g. 90s, 30m, 6h, 2d or 01:30:00)");
    }
}
