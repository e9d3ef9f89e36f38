using System.Diagnostics;
using System.Runtime.InteropServices;
using IlmEnergy.Registry;
using IlmEnergy.Testing;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// `ingest`: simulator → mosquitto → ingester → InfluxDB, all on this machine, at QoS 1.
/// <list type="number">
/// <item>Raw NSec Ed25519 verify rate on one thread (the yardstick).</item>
/// <item>Saturation: the plugs publish as fast as the pipeline takes it, at most <see cref="IngestBenchmarkOptions.Window"/>
/// messages ahead of what is stored; the stored rate after the warm-up is the sustained rate, with the
/// ingester's CPU time per message (and mosquitto's, InfluxDB's and the simulator's).</item>
/// <item>Paced at half the sustained rate: end-to-end latency, publish → stored (samples durable in
/// InfluxDB or its spool, message acknowledged), p50 and p99.</item>
/// </list>
/// Then the ingester's peak memory, and an exact count check: every message published is archived once
/// and its six samples are in InfluxDB. Targets: sustained ≥ 0.5 × raw verify, p99 &lt; 1 s, memory &lt; 400 MB.
/// </summary>
public static class IngestBenchmark
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(180);

    public static async Task<int> RunAsync(string[] args)
    {
        IngestBenchmarkOptions options;
        try
        {
            options = IngestBenchmarkOptions.Parse(args ?? []);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return 1;
        }

        Console.WriteLine($"ingest benchmark: simulator → mosquitto → ingester → InfluxDB on one machine ({Environment.ProcessorCount} cores), QoS 1");
        var rawVerify = RawVerifyRate.Measure(options.VerifyTime);
        Console.WriteLine($"  raw NSec Ed25519 verify, 1 thread      {rawVerify,10:N0} /s");

        var broker = new MosquittoFixture();
        var influx = new InfluxDbFixture();
        var dataDirectory = Directory.CreateTempSubdirectory("ilm-ingest-bench-").FullName;
        IngesterProcess? ingester = null;
        LoadGenerator? load = null;
        StoredProgress? progress = null;
        // Ctrl+C or SIGTERM ends the process without running finally blocks: stop the servers first.
        void StopServers(PosixSignalContext _)
        {
            ingester?.Kill();
            broker.Dispose();
            influx.Dispose();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopServers);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopServers);
        try
        {
            await broker.InitializeAsync();
            await influx.InitializeAsync();
            load = new LoadGenerator(options.Plugs);
            var registry = new SqliteDeviceRegistry(Path.Combine(dataDirectory, "registry.db"));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var plug in load.Plugs) await registry.RegisterAsync(plug.DeviceId, plug.PublicKey, plug.Board, DeviceStatus.Active, now);

            ingester = await IngesterProcess.StartAsync(
                new IngesterSettings(broker.Port, influx.Url, dataDirectory, "ilm-bench-ingester", Extra: options.IngesterSettings), FreePort.Next());
            foreach (var (key, value) in options.IngesterSettings) Console.WriteLine($"  ingester setting {key}={value}");
            using var mosquittoProcess = ProcessCpu.Find("mosquitto", broker.ConfigPath);
            using var influxProcess = ProcessCpu.Find("influxd", influx.ConfigPath);
            await load.ConnectAsync(broker.Host, broker.Port, options.Connections);
            progress = new StoredProgress(ingester, TimeSpan.FromMilliseconds(10));
            using var heartbeat = new Timer(_ => Console.Error.WriteLine($"    … {load.Published:N0} published, {progress.Stored:N0} stored"), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

            // Phase 1: saturation.
            load.SignMore((int)(options.MaxRate * options.SaturationTime.TotalSeconds));
            Console.WriteLine($"  {options.Plugs:N0} plugs on {options.Connections} connections, 6-sample batches of {load.MessageBytes} bytes");
            var window = options.Window;
            var saturating = load.PublishAsync(index => index - progress.Stored < window, options.SaturationTime);
            await Task.Delay(options.WarmUpTime);
            var start = Snapshot.Take(progress, ingester, mosquittoProcess, influxProcess);
            var metricsAtStart = await ingester.GetMetricsAsync();
            await saturating;
            var end = Snapshot.Take(progress, ingester, mosquittoProcess, influxProcess);
            var metricsAtEnd = await ingester.GetMetricsAsync();
            var phase1Count = load.Published;
            await progress.WaitForAsync(phase1Count, DrainTimeout);

            var seconds = Stopwatch.GetElapsedTime(start.Ticks, end.Ticks).TotalSeconds;
            var stored = end.Stored - start.Stored;
            var rate = stored / seconds;
            double PerMessage(TimeSpan a, TimeSpan b) => stored == 0 ? 0 : (b - a).TotalMicroseconds / stored;
            var machineBusy = 100.0 * (end.Machine.Busy - start.Machine.Busy) / Math.Max(1, end.Machine.Total - start.Machine.Total);
            Console.WriteLine($"  saturation, {seconds:0.0} s measured after a {options.WarmUpTime.TotalSeconds:0} s warm-up, window {window:N0}:");
            Console.WriteLine($"    sustained verified+stored            {rate,10:N0} msg/s   = {rate / rawVerify:0.00} × raw verify (target ≥ 0.50)");
            Console.WriteLine($"    CPU per message: ingester            {PerMessage(start.Ingester, end.Ingester),10:N1} µs");
            Console.WriteLine($"                     mosquitto           {PerMessage(start.Mosquitto, end.Mosquitto),10:N1} µs");
            Console.WriteLine($"                     influxd             {PerMessage(start.Influx, end.Influx),10:N1} µs");
            Console.WriteLine($"                     simulator           {PerMessage(start.Simulator, end.Simulator),10:N1} µs");
            double Stage(string series) => stored == 0 ? 0 : (metricsAtEnd[series] - metricsAtStart[series]) * 1e6 / stored;
            Console.WriteLine($"    ingester time per message (wall, /metrics): verify {Stage("ilm_ingest_verify_seconds_sum"):N1} µs on {Environment.ProcessorCount} workers; " +
                string.Join(", ", IngesterMetrics.Stages.Select(stage => $"{stage} {Stage(IngesterMetrics.StageSum(stage)):N1}")) + " µs in the committer");
            var commits = metricsAtEnd["ilm_ingest_commit_messages_count"] - metricsAtStart["ilm_ingest_commit_messages_count"];
            Console.WriteLine($"    commits                              {commits,10:N0}   of {(commits == 0 ? 0 : (metricsAtEnd["ilm_ingest_commit_messages_sum"] - metricsAtStart["ilm_ingest_commit_messages_sum"]) / commits):N0} messages on average");
            Console.WriteLine($"    machine busy                         {machineBusy,10:N0} %   (other users of the cores included)");
            var (p50Saturated, p99Saturated) = StoredLatency(load, progress, 0, phase1Count);
            Console.WriteLine($"    latency at saturation p50 / p99      {p50Saturated,10:N0} / {p99Saturated:N0} ms (queueing inside the window)");

            // Phase 2: paced at half the sustained rate.
            var pacedRate = Math.Max(1, rate / 2);
            var pacedCount = (int)(pacedRate * options.PacedTime.TotalSeconds);
            load.SignMore(pacedCount);
            await load.PublishAsync(_ => true, options.PacedTime + TimeSpan.FromSeconds(30), i => TimeSpan.FromSeconds(i / pacedRate), pacedCount);
            var total = load.Published;
            await progress.WaitForAsync(total, DrainTimeout);
            await Task.Delay(100); // one more poll past the last message
            var (p50, p99) = StoredLatency(load, progress, phase1Count, total);
            var (r50, r99) = await ReceivedLatencyAsync(load, dataDirectory, phase1Count, total);
            Console.WriteLine($"  paced at {pacedRate:N0} msg/s (half) for {options.PacedTime.TotalSeconds:0} s, {total - phase1Count:N0} messages:");
            Console.WriteLine($"    end-to-end publish → stored p50/p99  {p50,10:N0} / {p99:N0} ms (target p99 < 1,000; 10 ms polling)");
            Console.WriteLine($"    publish → received (archive) p50/p99 {r50,10:N0} / {r99:N0} ms");

            var peakBytes = ingester.PeakWorkingSetBytes;
            Console.WriteLine($"  ingester peak memory (VmHWM)           {peakBytes / 1048576.0,10:N0} MB (target < 400)");

            var (archived, quarantined) = await ArchiveCountsAsync(dataDirectory);
            using var query = new InfluxQuery(influx.Url);
            var points = await query.CountReadingsAsync();
            var exact = archived == total && quarantined == 0 && points == (long)total * VirtualPlug.SamplesPerBatch;
            Console.WriteLine($"  count check: {total:N0} published, {archived:N0} archived, {quarantined:N0} quarantined, {points:N0} points in InfluxDB: {(exact ? "exact" : "MISMATCH")}");
            Console.WriteLine($"  targets: rate {Verdict(rate >= 0.5 * rawVerify)}, p99 {Verdict(p99 < 1000)}, memory {Verdict(peakBytes < 400L * 1048576)}");
            return exact ? 0 : 2;
        }
        finally
        {
            if (progress is not null) await progress.DisposeAsync();
            if (ingester is not null) await ingester.DisposeAsync();
            if (load is not null) await load.DisposeAsync();
            broker.Dispose();
            influx.Dispose();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    /// <summary>p50/p99 in ms of publish → stored for messages [from, to), from the stored counter's timeline.</summary>
    private static (double P50, double P99) StoredLatency(LoadGenerator load, StoredProgress progress, int from, int to)
    {
        var latencies = new List<double>(to - from);
        for (var k = from; k < to; k++)
        {
            if (progress.FirstTicksAtLeast(k + 1) is { } storedTicks)
                latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(load.PublishTicks(k), storedTicks).TotalMilliseconds));
        }
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    /// <summary>p50/p99 in ms of publish → received at the ingester, exact per message from the archive's received_ms.</summary>
    private static async Task<(double P50, double P99)> ReceivedLatencyAsync(LoadGenerator load, string dataDirectory, int from, int to)
    {
        var received = new Dictionary<(string, long), long>();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "archive.db")};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id, seq, received_ms FROM raw_messages WHERE seq >= $minSeq";
            command.Parameters.AddWithValue("$minSeq", load.Identify(from).Seq);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) received[(reader.GetString(0), reader.GetInt64(1))] = reader.GetInt64(2);
        }
        var latencies = new List<double>(to - from);
        for (var k = from; k < to; k++)
        {
            if (received.TryGetValue(load.Identify(k), out var receivedMs)) latencies.Add(Math.Max(0, receivedMs - load.PublishUnixMs(k)));
        }
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(long Archived, long Quarantined)> ArchiveCountsAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "archive.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM raw_messages), (SELECT count(*) FROM quarantine)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static double Percentile(List<double> values, double quantile)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(quantile * values.Count) - 1)];
    }

    /// <summary>Counters at one moment, to take differences over the measured interval.</summary>
    private sealed record Snapshot(long Ticks, long Stored, TimeSpan Ingester, TimeSpan Mosquitto, TimeSpan Influx, TimeSpan Simulator, (long Busy, long Total) Machine)
    {
        public static Snapshot Take(StoredProgress progress, IngesterProcess ingester, Process? mosquitto, Process? influx)
        {
            using var self = Process.GetCurrentProcess();
            return new Snapshot(Stopwatch.GetTimestamp(), progress.Stored, ingester.TotalProcessorTime, ProcessCpu.CpuTime(mosquitto),
                ProcessCpu.CpuTime(influx), self.TotalProcessorTime, ProcessCpu.MachineJiffies());
        }
    }
}
