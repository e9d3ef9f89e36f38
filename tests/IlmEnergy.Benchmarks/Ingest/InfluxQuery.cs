using System.Globalization;
using System.Text.Json;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>InfluxQL over the v1 HTTP API (GET /query, epoch=ms), for checking what the ingester stored.</summary>
public sealed class InfluxQuery(string baseUrl, string database = "ilmenergy") : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The rows of the first series of the first statement, each as column → value; empty when there is none.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>> SelectAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        var uri = new Uri($"/query?db={Uri.EscapeDataString(database)}&epoch=ms&q={Uri.EscapeDataString(influxQl)}", UriKind.Relative);
        using var response = await http.GetAsync(uri, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode} to {influxQl}: {body}");
        using var document = JsonDocument.Parse(body);
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            // The ingester creates the database when it starts writing; until then there is nothing to count.
            if (error.GetString() == $"database not found: {database}") return [];
            throw new InvalidOperationException($"InfluxDB error for {influxQl}: {error}");
        }
        if (!result.TryGetProperty("series", out var series)) return [];
        var rows = new List<IReadOnlyDictionary<string, JsonElement>>();
        foreach (var serie in series.EnumerateArray())
        {
            var columns = serie.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            var tags = serie.TryGetProperty("tags", out var t) ? t.EnumerateObject().ToList() : [];
            foreach (var values in serie.GetProperty("values").EnumerateArray())
            {
                var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                var k = 0;
                foreach (var value in values.EnumerateArray()) row[columns[k++]] = value.Clone();
                foreach (var tag in tags) row[tag.Name] = tag.Value.Clone();
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>Stored samples (points of measurement "reading"), counted by their p_mw field.</summary>
    public async Task<long> CountReadingsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await SelectAsync("SELECT count(p_mw) FROM reading", cancellationToken);
        return rows.Count == 0 ? 0 : rows[0]["count"].GetInt64();
    }

    /// <summary>Stored samples per device.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountReadingsByDeviceAsync(CancellationToken cancellationToken = default)
    {
        var rows = await SelectAsync("SELECT count(p_mw) FROM reading GROUP BY device", cancellationToken);
        return rows.ToDictionary(r => r["device"].GetString()!, r => r["count"].GetInt64(), StringComparer.Ordinal);
    }

    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => http.Dispose();
}
