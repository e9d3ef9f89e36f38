using IlmEnergy.Ingestion.Pipeline;
using IlmEnergy.Storage;
using Prometheus;

namespace IlmEnergy.Ingester;

/// <summary>
/// Publishes the pipeline's statistics as Prometheus metrics on /metrics: messages by outcome and
/// reason, stage latencies, commit batch sizes, queue depth, and the storage spool.
/// </summary>
public sealed class IngestMetricsExporter : IHostedService
{
    private static readonly double[] LatencyBuckets = Histogram.ExponentialBuckets(0.000_02, 2, 18); // 20 µs … 2.6 s

    private readonly IngestStatistics statistics;
    private readonly IReadingStore store;
    private readonly Counter messages = Metrics.CreateCounter("ilm_ingest_messages_total", "Messages decided, by outcome and rejection reason.", "outcome", "reason");
    private readonly Histogram verifySeconds = Metrics.CreateHistogram("ilm_ingest_verify_seconds", "Decode and signature verification of one message.", new HistogramConfiguration { Buckets = LatencyBuckets });
    private readonly Histogram stageSeconds = Metrics.CreateHistogram("ilm_ingest_stage_seconds", "Time per commit batch spent in each stage.", new HistogramConfiguration { Buckets = LatencyBuckets, LabelNames = ["stage"] });
    private readonly Histogram batchMessages = Metrics.CreateHistogram("ilm_ingest_commit_messages", "Messages per durable commit.", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 16) });
    private readonly Histogram batchPoints = Metrics.CreateHistogram("ilm_storage_batch_points", "Samples written to storage per commit.", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 18) });
    private readonly Gauge inFlight = Metrics.CreateGauge("ilm_ingest_in_flight", "Messages received and not yet acknowledged (queue depth).");
    private readonly Gauge spoolBytes = Metrics.CreateGauge("ilm_storage_spool_bytes", "Bytes waiting in the InfluxDB disk spool.");
    private readonly Gauge deadLettered = Metrics.CreateGauge("ilm_storage_dead_lettered_batches", "Batches InfluxDB refused as malformed, kept in the dead-letter file.");
    private readonly Gauge reachable = Metrics.CreateGauge("ilm_storage_reachable", "1 when the reading store answered its last request.");

    public IngestMetricsExporter(IngestStatistics statistics, IReadingStore store)
    {
        this.statistics = statistics;
        this.store = store;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        statistics.Verified += OnVerified;
        statistics.Committed += OnCommitted;
        Metrics.DefaultRegistry.AddBeforeCollectCallback(Collect);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        statistics.Verified -= OnVerified;
        statistics.Committed -= OnCommitted;
        return Task.CompletedTask;
    }

    private void OnVerified(TimeSpan elapsed) => verifySeconds.Observe(elapsed.TotalSeconds);

    private void OnCommitted(CommitTimings timings)
    {
        batchMessages.Observe(timings.Messages);
        batchPoints.Observe(timings.Points);
        stageSeconds.WithLabels("decide").Observe(timings.Decide.TotalSeconds);
        stageSeconds.WithLabels("archive").Observe(timings.Archive.TotalSeconds);
        stageSeconds.WithLabels("store").Observe(timings.Store.TotalSeconds);
        stageSeconds.WithLabels("acknowledge").Observe(timings.Acknowledge.TotalSeconds);
    }

    // Counters are set from the pipeline's own totals at scrape time, so they can never disagree.
    private void Collect()
    {
        messages.WithLabels("stored", "none").IncTo(statistics.Stored);
        messages.WithLabels("archived_only", "none").IncTo(statistics.ArchivedOnly);
        messages.WithLabels("duplicate", "none").IncTo(statistics.Duplicates);
        foreach (var (reason, count) in statistics.RejectedByReason)
            messages.WithLabels("quarantined", reason.ToString()).IncTo(count);
        inFlight.Set(statistics.InFlight);
        var health = store.GetHealth();
        spoolBytes.Set(health.SpoolBytes);
        deadLettered.Set(health.DeadLetteredBatches);
        reachable.Set(health.Reachable ? 1 : 0);
    }
}
