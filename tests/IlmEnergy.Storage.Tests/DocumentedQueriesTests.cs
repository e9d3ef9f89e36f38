using System.Reflection;
using System.Text.RegularExpressions;
using IlmEnergy.Storage.Influx;
using IlmEnergy.Testing;

namespace IlmEnergy.Storage.Tests;

/// <summary>The example queries in docs/storage.md run against a real InfluxDB, Grafana macros substituted.</summary>
public sealed partial class DocumentedQueriesTests(InfluxDbFixture influx) : IClassFixture<InfluxDbFixture>
{
    [Fact]
    public async Task Documented_queries_run_against_influxdb()
    {
        var queries = DocumentedQueries();
        Assert.True(queries.Count >= 5, "docs/storage.md should list the example queries in an influxql block");
        Assert.All(queries.Where(q => q.StartsWith("SELECT", StringComparison.Ordinal)),
            q => Assert.Contains("$timeFilter", q, StringComparison.Ordinal));

        using var spool = new TempDirectory();
        var database = "docs_" + Guid.NewGuid().ToString("N")[..12];
        await using var store = new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path));
        var devices = new[] { TestReadings.NewDeviceId(), TestReadings.NewDeviceId() };
        foreach (var device in devices) await store.WriteAsync(TestReadings.Series(device, 8640));   // one day of 10 s samples

        foreach (var query in queries)
        {
            var concrete = query
                .Replace("$timeFilter", $"time >= {TestReadings.Start}ms and time <= {TestReadings.Start + 86_400_000}ms", StringComparison.Ordinal)
                .Replace("$__interval", "1h", StringComparison.Ordinal)
                .Replace("$device", "(" + string.Join("|", devices) + ")", StringComparison.Ordinal);
            var series = await store.Client.QueryAsync(concrete, database);
            Assert.True(series.Count > 0 && series.All(s => s.Rows.Count > 0), $"no rows for: {concrete}");
        }
    }

    private static List<string> DocumentedQueries()
    {
        var root = typeof(DocumentedQueriesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!;
        var markdown = File.ReadAllText(Path.Combine(root, "docs", "storage.md"));
        return InfluxQlBlock().Matches(markdown)
            .SelectMany(m => m.Groups[1].Value.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();
    }

    [GeneratedRegex("```influxql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex InfluxQlBlock();
}
