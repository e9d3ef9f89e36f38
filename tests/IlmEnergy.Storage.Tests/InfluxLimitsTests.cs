using IlmEnergy.Storage;
using IlmEnergy.Storage.Influx;
using IlmEnergy.Testing;

namespace IlmEnergy.Storage.Tests;

/// <summary>An influxd that refuses bodies over 20 kB (413) and cuts non-chunked answers at 300 rows.</summary>
public sealed class LimitedInfluxDbFixture() : InfluxDbFixture(maxBodySize: 20_000, maxRowLimit: 300);

/// <summary>
/// Server limits: too large bodies are split until they fit, a single line that never fits is dead-lettered,
/// and reads stay complete beyond max-row-limit (queries are chunked).
/// </summary>
public sealed class InfluxLimitsTests(LimitedInfluxDbFixture influx) : IClassFixture<LimitedInfluxDbFixture>, IDisposable
{
    private readonly TempDirectory spool = new();

    public void Dispose() => spool.Dispose();

    [Fact]
    public async Task Too_large_bodies_are_split_and_long_answers_come_back_whole()
    {
        var options = InfluxTestOptions.For(influx, "limit_" + Guid.NewGuid().ToString("N")[..12], spool.Path);
        options.GzipRequests = false;   // the limit then applies to the plain text, ~160 bytes a point
        await using var store = new InfluxReadingStore(options);
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 1000);
        await store.WriteAsync(points);

        Assert.Equal(points, await store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 1000 * 10_000L));   // > 300 rows
        Assert.True(store.RequestsSent >= 8, $"expected the 160 kB body in pieces, got {store.RequestsSent} requests");
        Assert.Equal(0, store.GetHealth().DeadLetteredBatches);

        var giant = TestReadings.Sample(new string('D', 30_000), 0);
        await store.WriteAsync([giant]).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, store.GetHealth().DeadLetteredBatches);
        Assert.Equal(0, store.GetHealth().SpooledBatches);
    }
}
