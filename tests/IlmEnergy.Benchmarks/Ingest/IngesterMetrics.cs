using System.Globalization;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// The ingester's Prometheus text (/metrics) at one moment: series → value, e.g.
/// <c>ilm_ingest_stage_seconds_sum{stage="archive"}</c>. Differences of two snapshots say where time went.
/// </summary>
public sealed class IngesterMetrics(IReadOnlyDictionary<string, double> series)
{
    public static readonly string[] Stages = ["decide", "archive", "store", "acknowledge"];

    public static IngesterMetrics Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                series[line[..space]] = value;
        }
        return new IngesterMetrics(series);
    }

    /// <summary>The value of <paramref name="name"/> (with its labels, if any), 0 when absent.</summary>
    public double this[string name] => series.GetValueOrDefault(name);

    public static string StageSum(string stage) => $"ilm_ingest_stage_seconds_sum{{stage=\"{stage}\"}}";
}
