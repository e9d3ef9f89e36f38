using System.Diagnostics;
using System.Text;
using IlmEnergy.Storage;
using IlmEnergy.Storage.Influx;
using IlmEnergy.Testing;
using Xunit.Abstractions;

namespace IlmEnergy.Storage.Tests;

/// <summary>
/// Behaviour only a real server shows: escaping round trips, batching at volume, an outage with spool
/// and replay, and dead-lettering of batches the server refuses. One influxd for the class (tests run
/// one after another; the outage test stops and restarts it).
/// </summary>
public sealed class InfluxServerTests(InfluxDbFixture influx, ITestOutputHelper output) : IClassFixture<InfluxDbFixture>, IDisposable
{
    private readonly TempDirectory spool = new();
    private readonly string database = "server_" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose() => spool.Dispose();

    [Fact]
    public async Task Tricky_names_and_values_round_trip_through_influxdb()
    {
        using var client = new InfluxV1Client(InfluxTestOptions.For(influx, database, spool.Path));
        await client.EnsureDatabaseAsync(database);
        string[] tagValues = ["comma,here", "space here", "equals=here", "quote\"here", @"back\slash", "all ,=\"'", "ünï中"];
        const string measurement = "m,with space";
        const string fieldKey = "f,k =";
        const string text = "say \"hi\" \\o/ , = done";
        var lines = new StringBuilder();
        for (var i = 0; i < tagValues.Length; i++)
        {
            LineProtocol.AppendPoint(lines, measurement, [new("tag key,=", tagValues[i])],
                [new(fieldKey, FieldValue.Integer(i)), new("text", FieldValue.String(text))], TestReadings.Start + i);
        }
        await client.WriteAsync(lines.ToString());

        var series = await client.QueryAsync($"SELECT * FROM {InfluxV1Client.QuoteIdentifier(measurement)}", database);
        var rows = Assert.Single(series).Rows;
        Assert.Equal(measurement, series[0].Name);
        Assert.Equal(tagValues, rows.Select(r => r.GetString("tag key,=")));
        Assert.Equal(Enumerable.Range(0, tagValues.Length).Select(i => (long)i), rows.Select(r => r.GetInt64(fieldKey)));
        Assert.All(rows, r => Assert.Equal(text, r.GetString("text")));

        // And through the store: device ids with quotes and spaces survive InfluxQL literal escaping too.
        await using var store = new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path));
        var odd = TestReadings.Sample("dev 'x',=\"\\y", 0) with { Board = "board, =x" };
        await store.WriteAsync([odd]);
        Assert.Equal([odd], await store.ReadAsync(odd.DeviceId, TestReadings.Start, TestReadings.Start + 1));
    }

    [Fact]
    public async Task Fifty_thousand_points_are_written_in_batches_and_all_readable()
    {
        await using var store = new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path));
        var devices = Enumerable.Range(0, 50).Select(_ => TestReadings.NewDeviceId()).ToList();
        var stopwatch = Stopwatch.StartNew();
        // 50 writers of 1000 points each, all at once: the batcher joins them into requests of up to 5000.
        await Task.WhenAll(devices.Select(d => store.WriteAsync(TestReadings.Series(d, 1000))));
        stopwatch.Stop();

        var count = await CountAsync(store.Client);
        Assert.Equal(50_000, count);
        Assert.Equal(50_000, store.PointsSent);
        Assert.InRange(store.RequestsSent, 10, 49);   // batched: never one request per write call
        var sample = await store.ReadAsync(devices[17], TestReadings.Start, TestReadings.Start + 1000 * 10_000L);
        Assert.Equal(TestReadings.Series(devices[17], 1000), sample);
        output.WriteLine($"50,000 points in {store.RequestsSent} requests, {stopwatch.Elapsed.TotalMilliseconds:0} ms " +
                         $"= {50_000 / stopwatch.Elapsed.TotalSeconds:0} points/s (gzip, loopback, shared 2-core box)");

        // A figure, not an assertion: the encoder's share of that time (warmed up, median of 5).
        var all = devices.SelectMany(d => TestReadings.Series(d, 1000)).ToList();
        var runs = Enumerable.Range(0, 6).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(ReadingSchema.ToLines(all));
            return watch.Elapsed.TotalNanoseconds / all.Count;
        }).Skip(1).Order().ToList();
        output.WriteLine($"line-protocol encoding: {runs[2]:0} ns/point (median)");
    }

    [Fact]
    public async Task During_an_outage_writes_complete_into_the_spool_and_replay_exactly_once()
    {
        await using var store = new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path));
        var device = TestReadings.NewDeviceId();
        var before = TestReadings.Series(device, 2000);
        await store.WriteAsync(before);

        await influx.StopAsync();
        try
        {
            // Twenty writes while the server is down: each completes once its batch is in the spool.
            var during = TestReadings.Series(device, 10_000, firstIndex: 2000);
            foreach (var chunk in during.Chunk(500)) await store.WriteAsync(chunk).WaitAsync(TimeSpan.FromSeconds(10));
            // Some already-stored points again, as a redelivering broker would send them.
            await store.WriteAsync(before.Take(100).ToList());
            var down = store.GetHealth();
            Assert.False(down.Reachable);
            Assert.True(down.SpoolBytes > 0, "points should wait in the spool");
            Assert.Equal(21, down.SpooledBatches);
            output.WriteLine($"spooled while down: {down.SpooledBatches} batches, {down.SpoolBytes} bytes");
        }
        finally
        {
            await influx.StartAsync();
        }

        var drained = Stopwatch.StartNew();
        while (store.GetHealth().SpooledBatches > 0 && drained.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        Assert.Equal(0, store.GetHealth().SpooledBatches);
        Assert.Empty(Directory.GetFiles(spool.Path, "*.spool"));
        output.WriteLine($"spool drained {drained.Elapsed.TotalMilliseconds:0} ms after the restart");

        Assert.Equal(12_000, await CountAsync(store.Client));
        var all = await store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 12_000 * 10_000L);
        Assert.Equal(TestReadings.Series(device, 12_000), all);
    }

    [Fact]
    public async Task A_refused_batch_goes_to_the_dead_letter_file_and_later_batches_carry_on()
    {
        await using var store = new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path));
        var device = TestReadings.NewDeviceId();
        // A float p_mw in the 2001 shard makes our integer p_mw there a field-type conflict (HTTP 400).
        const long year2001 = 978_307_200_000;
        await store.Client.EnsureDatabaseAsync(database);
        await store.Client.WriteAsync($"reading,board=b,device=intruder p_mw=1.5 {year2001}\n");

        var refused = TestReadings.Series(device, 3, startMs: year2001);
        await store.WriteAsync(refused).WaitAsync(TimeSpan.FromSeconds(10));   // completes: kept, not retried forever
        var later = TestReadings.Series(device, 50);
        await store.WriteAsync(later).WaitAsync(TimeSpan.FromSeconds(10));

        var health = store.GetHealth();
        Assert.Equal(1, health.DeadLetteredBatches);
        Assert.Contains("field type conflict", health.LastError, StringComparison.Ordinal);
        var deadLetters = await File.ReadAllTextAsync(store.DeadLetterPath);
        Assert.Contains("# dead-lettered", deadLetters, StringComparison.Ordinal);
        Assert.Contains("field type conflict", deadLetters, StringComparison.Ordinal);
        Assert.Contains(ReadingSchema.ToLines(refused), deadLetters, StringComparison.Ordinal);
        Assert.Equal(later, await store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 3_600_000));
        Assert.Equal(0, health.SpooledBatches);
    }

    [Fact]
    public async Task The_client_reports_typed_errors()
    {
        using var client = new InfluxV1Client(InfluxTestOptions.For(influx, "missing_" + Guid.NewGuid().ToString("N")[..8], spool.Path));
        Assert.StartsWith("1.", await client.PingAsync(), StringComparison.Ordinal);
        var notFound = await Assert.ThrowsAsync<InfluxException>(() => client.WriteAsync("m f=1i 1\n"));
        Assert.Equal(InfluxErrorKind.DatabaseNotFound, notFound.Kind);
        await client.EnsureDatabaseAsync(client.Options.Database);
        var bad = await Assert.ThrowsAsync<InfluxException>(() => client.WriteAsync("m f= 1\n"));
        Assert.Equal(InfluxErrorKind.BadRequest, bad.Kind);
        Assert.Contains("unable to parse", bad.Message, StringComparison.Ordinal);
        var query = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync("SELEKT nonsense"));
        Assert.Equal(InfluxErrorKind.BadRequest, query.Kind);

        using var nowhere = new InfluxV1Client(new InfluxOptions { Url = $"http://127.0.0.1:{FreePort.Next()}", SpoolDirectory = spool.Path });
        Assert.False(await nowhere.IsAvailableAsync());
        Assert.Equal(InfluxErrorKind.Unreachable, (await Assert.ThrowsAsync<InfluxException>(() => nowhere.PingAsync())).Kind);
    }

    [Fact]
    public async Task A_spool_left_by_a_stopped_process_is_replayed_by_the_next_one()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 3000);
        var down = InfluxTestOptions.For(influx, database, spool.Path);
        down.Url = $"http://127.0.0.1:{FreePort.Next()}";   // nothing listens there
        await using (var first = new InfluxReadingStore(down))
        {
            foreach (var chunk in points.Chunk(1000)) await first.WriteAsync(chunk);
            Assert.Equal(3, first.GetHealth().SpooledBatches);
        }

        await using var second = new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path));
        Assert.Equal(3, second.GetHealth().SpooledBatches);
        var waited = Stopwatch.StartNew();
        while (second.GetHealth().SpooledBatches > 0 && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.Equal(points, await second.ReadAsync(device, TestReadings.Start, TestReadings.Start + 3000 * 10_000L));
    }

    [Fact]
    public async Task A_full_spool_fails_the_write_so_the_caller_keeps_its_messages()
    {
        var options = InfluxTestOptions.For(influx, database, spool.Path);
        options.Url = $"http://127.0.0.1:{FreePort.Next()}";
        options.MaxSpoolBytes = 1024 * 1024;
        options.MaxAttempts = 1;
        await using var store = new InfluxReadingStore(options);
        var device = TestReadings.NewDeviceId();
        StoreUnavailableException? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            try
            {
                await store.WriteAsync(TestReadings.Series(device, 1000, firstIndex: i * 1000));
            }
            catch (StoreUnavailableException e)
            {
                refused = e;
            }
        }
        Assert.NotNull(refused);
        Assert.Contains("spool", refused.Message, StringComparison.Ordinal);
        Assert.InRange(store.GetHealth().SpoolBytes, 1, 1024 * 1024);
    }

    [Fact]
    public async Task Without_flush_when_idle_small_writes_wait_for_the_flush_interval_and_share_one_request()
    {
        var options = InfluxTestOptions.For(influx, database, spool.Path);
        options.FlushWhenIdle = false;
        options.FlushInterval = TimeSpan.FromMilliseconds(300);
        await using var store = new InfluxReadingStore(options);
        var device = TestReadings.NewDeviceId();
        var writes = Enumerable.Range(0, 5).Select(i => store.WriteAsync(TestReadings.Series(device, 10, firstIndex: i * 10))).ToList();
        await Task.WhenAll(writes);
        Assert.Equal(1, store.RequestsSent);
        Assert.Equal(50, (await store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 50 * 10_000L)).Count);
    }

    private async Task<long> CountAsync(InfluxV1Client client)
    {
        var series = await client.QueryAsync($"SELECT COUNT(e_mwh) FROM {ReadingSchema.Measurement}", database);
        return Assert.Single(Assert.Single(series).Rows).GetInt64("count");
    }
}
