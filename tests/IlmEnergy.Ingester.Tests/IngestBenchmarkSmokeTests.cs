using IlmEnergy.Benchmarks.Ingest;

namespace IlmEnergy.Ingester.Tests;

/// <summary>
/// The ingest benchmark's whole path on a short run: it must finish and its count check must be exact
/// (exit code 0). Its speed figures are for people to read, never asserted here.
/// </summary>
public sealed class IngestBenchmarkSmokeTests
{
    [Fact]
    public async Task Benchmark_smoke_run_completes_with_an_exact_count()
    {
        Assert.Equal(0, await IngestBenchmark.RunAsync(["--smoke"]));
    }

    [Fact]
    public void Benchmark_options_parse_and_refuse_nonsense()
    {
        var options = IngestBenchmarkOptions.Parse(["--plugs", "200", "--saturate", "20", "--warmup", "5"]);
        Assert.Equal(200, options.Plugs);
        Assert.Equal(TimeSpan.FromSeconds(20), options.SaturationTime);
        Assert.Throws<ArgumentException>(() => IngestBenchmarkOptions.Parse(["--plugs", "-3"]));
        Assert.Throws<ArgumentException>(() => IngestBenchmarkOptions.Parse(["--warmup", "30"]));
        Assert.Throws<ArgumentException>(() => IngestBenchmarkOptions.Parse(["--bogus", "1"]));
    }
}
