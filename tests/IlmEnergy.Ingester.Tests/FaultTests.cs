using Xunit.Abstractions;
using IlmEnergy.Benchmarks.Ingest;

namespace IlmEnergy.Ingester.Tests;

/// <summary>
/// Faults in the middle of a stream of a few thousand signed batches (docs/operations.md, "What happens to a
/// message"). Each test ends with the exact count check of <see cref="StreamWorkload.AssertEachStoredOrQuarantinedOnceAsync"/>:
/// every message sent is stored once or quarantined with its reason, none missing, none doubled.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private const int Plugs = 20;
    private const int BatchesPerPlug = 150; // 3,000 valid + 60 invalid messages
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Ingester_killed_and_restarted_mid_stream_loses_and_doubles_nothing()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var workload = await RegisteredWorkloadAsync(bed);
        var ingester = await bed.StartIngesterAsync();

        var publishing = workload.PublishAllAsync(bed, messagesPerSecond: 500);
        await bed.WaitUntilAsync(async () => await bed.AcceptedAsync() >= 800, DrainTimeout, async () => $"archived {await bed.AcceptedAsync()}");
        ingester.Kill(); // SIGKILL: whatever was received but not acknowledged is redelivered to the next session
        var acceptedAtKill = await bed.AcceptedAsync();
        var publishedAtKill = workload.Published;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var restarted = await bed.StartIngesterAsync(); // same client id and data folder: resumes the session

        await publishing;
        await workload.AssertEachStoredOrQuarantinedOnceAsync(bed, DrainTimeout);
        Assert.True(acceptedAtKill < workload.ValidCount && publishedAtKill < workload.TotalCount,
            $"the kill came mid-stream: {acceptedAtKill} archived, {publishedAtKill} published of {workload.TotalCount}");
        var stats = await restarted.GetStatsAsync();
        output.WriteLine($"killed at {acceptedAtKill} archived / {publishedAtKill} published; after restart: {stats}");
        Assert.Equal(workload.InvalidCount, stats.RejectedByReason["105 BadSignature"]);
    }

    [Fact]
    public async Task InfluxDB_down_for_30_seconds_is_absorbed_by_the_spool_and_drained()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var workload = await RegisteredWorkloadAsync(bed);
        var ingester = await bed.StartIngesterAsync();

        var publishing = workload.PublishAllAsync(bed, messagesPerSecond: 300);
        await bed.WaitUntilAsync(async () => await bed.AcceptedAsync() >= 600, DrainTimeout, async () => $"archived {await bed.AcceptedAsync()}");
        await bed.Influx.StopAsync();
        var acceptedAtStop = await bed.AcceptedAsync();
        await Task.Delay(TimeSpan.FromSeconds(30));
        var acceptedDuringOutage = await bed.AcceptedAsync() - acceptedAtStop;
        var spooledBytes = SpoolBytes(bed);
        await bed.Influx.StartAsync();

        // The ingester kept accepting (and acknowledging) while InfluxDB was away: the spool took the points.
        Assert.True(acceptedDuringOutage > 500, $"only {acceptedDuringOutage} messages were accepted during the outage");
        Assert.True(spooledBytes > 0, "nothing was spooled during the outage");
        await publishing;
        await workload.AssertEachStoredOrQuarantinedOnceAsync(bed, DrainTimeout);
        await bed.WaitUntilAsync(() => Task.FromResult(SpoolBytes(bed) == 0), TimeSpan.FromSeconds(30), () => Task.FromResult($"spool still holds {SpoolBytes(bed)} bytes"));
        Assert.False(File.Exists(Path.Combine(bed.DataDirectory, "influx-spool", "dead-letter.lp")), "a batch was dead-lettered");
        var stats = await ingester.GetStatsAsync();
        output.WriteLine($"{acceptedDuringOutage} accepted during the outage, {spooledBytes} bytes spooled; {stats}");
        Assert.Equal(workload.ValidCount, stats.Stored);
        Assert.Equal(workload.InvalidCount, stats.Quarantined);
        Assert.Equal(0, stats.InFlight);
    }

    [Fact]
    public async Task Broker_restarted_mid_stream_loses_and_doubles_nothing()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var workload = await RegisteredWorkloadAsync(bed);
        var ingester = await bed.StartIngesterAsync();

        var publishing = workload.PublishAllAsync(bed, messagesPerSecond: 500);
        await bed.WaitUntilAsync(async () => await bed.AcceptedAsync() >= 800, DrainTimeout, async () => $"archived {await bed.AcceptedAsync()}");
        await bed.Broker.StopAsync(); // graceful: mosquitto persists sessions and queued messages
        var publishedAtStop = workload.Published;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await bed.Broker.StartAsync();

        await publishing;
        await workload.AssertEachStoredOrQuarantinedOnceAsync(bed, DrainTimeout);
        Assert.True(publishedAtStop < workload.TotalCount, "the broker restart came mid-stream");
        Assert.Equal(System.Net.HttpStatusCode.OK, await ingester.GetStatusAsync("/readyz"));
        var stats = await ingester.GetStatsAsync();
        output.WriteLine($"broker stopped at {publishedAtStop} published; {stats}");
        Assert.Equal(workload.ValidCount, stats.Stored); // redeliveries count as duplicates, never as stored again
        Assert.Equal(workload.InvalidCount, stats.RejectedByReason["105 BadSignature"]);
    }

    [Fact]
    public async Task Two_ingesters_share_the_subscription_and_each_message_is_decided_once()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var workload = await RegisteredWorkloadAsync(bed);
        // Same data folder (registry and archive shared through SQLite), own InfluxDB spool each.
        var a = await bed.StartIngesterAsync("ingester-a", Path.Combine(bed.DataDirectory, "spool-a"));
        var b = await bed.StartIngesterAsync("ingester-b", Path.Combine(bed.DataDirectory, "spool-b"));

        await workload.PublishAllAsync(bed, messagesPerSecond: 800);
        await workload.AssertEachStoredOrQuarantinedOnceAsync(bed, DrainTimeout);
        var statsA = await a.GetStatsAsync();
        var statsB = await b.GetStatsAsync();
        output.WriteLine($"a: {statsA}\nb: {statsB}");
        Assert.True(statsA.Stored > 0 && statsB.Stored > 0, $"the broker split nothing: a stored {statsA.Stored}, b stored {statsB.Stored}");
        Assert.Equal(workload.ValidCount, statsA.Stored + statsB.Stored);
        Assert.Equal(workload.InvalidCount, statsA.Quarantined + statsB.Quarantined);
        Assert.Equal(workload.TotalCount, statsA.Received + statsB.Received);
    }

    private static async Task<StreamWorkload> RegisteredWorkloadAsync(IngestTestBed bed)
    {
        var workload = new StreamWorkload(Plugs, BatchesPerPlug);
        foreach (var plug in workload.Plugs) await bed.RegisterAsync(plug);
        return workload;
    }

    private static long SpoolBytes(IngestTestBed bed)
    {
        var spool = Path.Combine(bed.DataDirectory, "influx-spool");
        return Directory.Exists(spool) ? new DirectoryInfo(spool).EnumerateFiles("*.spool").Sum(f => f.Length) : 0;
    }
}
