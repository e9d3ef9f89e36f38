using System.Text;
using System.Text.Json;

namespace IlmEnergy.Storage.Influx;

/// <summary>One series of a /query answer: a name, its GROUP BY tags, columns and rows.</summary>
public sealed class InfluxSeries
{
    public InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns, IReadOnlyList<JsonElement[]> values)
    {
        Name = name;
        Tags = tags;
        Columns = columns;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) index.TryAdd(columns[i], i);
        Rows = values.Select(v => new InfluxRow(this, index, v)).ToList();
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Tags { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<InfluxRow> Rows { get; }
}

/// <summary>One row, read by column name with typed getters; a missing value is null.</summary>
public sealed class InfluxRow
{
    private readonly InfluxSeries series;
    private readonly Dictionary<string, int> index;
    private readonly JsonElement[] values;

    internal InfluxRow(InfluxSeries series, Dictionary<string, int> index, JsonElement[] values)
    {
        this.series = series;
        this.index = index;
        this.values = values;
    }

    /// <summary>The raw JSON value, or null when the column is absent or null.</summary>
    public JsonElement? this[string column] =>
        index.TryGetValue(column, out var i) && i < values.Length && values[i].ValueKind != JsonValueKind.Null ? values[i] : null;

    public long GetInt64(string column) => Required(column).GetInt64();

    public double GetDouble(string column) => Required(column).GetDouble();

    public bool GetBoolean(string column) => Required(column).GetBoolean();

    /// <summary>A string column, or a GROUP BY tag of the series when the column is absent.</summary>
    public string GetString(string column) =>
        this[column] is { } value ? value.GetString() ?? "" :
        series.Tags.TryGetValue(column, out var tag) ? tag :
        throw new KeyNotFoundException($"Column '{column}' is missing in series '{series.Name}'.");

    private JsonElement Required(string column) =>
        this[column] ?? throw new KeyNotFoundException($"Column '{column}' is missing or null in series '{series.Name}'.");
}

/// <summary>
/// Parses /query answers into series, raising statement errors as exceptions. Accepts the chunked form
/// (one JSON object per line, a long series split across lines) and merges the pieces back together.
/// The "partial" flag is not trusted either way: InfluxDB 1.6 sets it on complete answers over 10,000 rows
/// as well as on ones cut by max-row-limit, which is why <see cref="InfluxV1Client"/> always queries chunked.
/// </summary>
public static class InfluxQueryResultParser
{
    /// <summary>All series of all statements, in answer order.</summary>
    public static List<InfluxSeries> Parse(string json)
    {
        var pieces = new List<(int Statement, string Name, Dictionary<string, string> Tags, List<string> Columns, List<JsonElement[]> Values)>();
        // A chunked answer is a sequence of JSON objects; a plain one is a single object.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var topError))
                throw new InfluxException(InfluxErrorKind.QueryFailed, null, "InfluxDB query failed: " + topError.GetString());
            if (!root.TryGetProperty("results", out var results)) continue;
            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("error", out var error))
                    throw new InfluxException(InfluxErrorKind.QueryFailed, null, "InfluxDB statement failed: " + error.GetString());
                var statement = result.TryGetProperty("statement_id", out var id) ? id.GetInt32() : 0;
                if (!result.TryGetProperty("series", out var seriesArray)) continue;
                foreach (var s in seriesArray.EnumerateArray())
                {
                    var name = s.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                    var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (s.TryGetProperty("tags", out var t))
                        foreach (var tag in t.EnumerateObject()) tags[tag.Name] = tag.Value.GetString() ?? "";
                    var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
                    // Clone: the rows outlive the JsonDocument disposed here.
                    var values = s.TryGetProperty("values", out var v)
                        ? v.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.Clone()).ToArray()).ToList()
                        : [];
                    if (pieces.Count > 0 && pieces[^1] is var last && last.Statement == statement && last.Name == name
                        && last.Columns.SequenceEqual(columns) && SameTags(last.Tags, tags))
                        last.Values.AddRange(values);   // the next chunk of the same series
                    else
                        pieces.Add((statement, name, tags, columns, values));
                }
            }
        }
        return pieces.Select(p => new InfluxSeries(p.Name, p.Tags, p.Columns, p.Values)).ToList();
    }

    private static bool SameTags(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
