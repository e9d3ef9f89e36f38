using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IlmEnergy.Protocol;

namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>
/// Counters of the pipeline, readable in-process (tests, benchmark, /readyz) and published as
/// System.Diagnostics.Metrics instruments under the meter "IlmEnergy.Ingest", which the host
/// exports to Prometheus.
/// </summary>
public sealed class IngestStatistics : IDisposable
{
    public const string MeterName = "IlmEnergy.Ingest";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> messages;
    private readonly Histogram<double> commitSeconds;
    private readonly Histogram<long> commitBatchSize;
    private readonly ConcurrentDictionary<RejectReason, long> rejectedByReason = new();
    private long received, stored, archivedOnly, duplicates, quarantined, inFlight;

    public IngestStatistics()
    {
        messages = meter.CreateCounter<long>("ilm_ingest_messages", description: "Messages decided, by outcome and reason.");
        commitSeconds = meter.CreateHistogram<double>("ilm_ingest_commit_seconds", unit: "s", description: "Time to archive, store and acknowledge one commit batch.");
        commitBatchSize = meter.CreateHistogram<long>("ilm_ingest_commit_batch_size", description: "Messages per commit batch.");
        meter.CreateObservableGauge("ilm_ingest_in_flight", () => Volatile.Read(ref inFlight), description: "Messages received and not yet acknowledged.");
    }

    public long Received => Volatile.Read(ref received);
    public long Stored => Volatile.Read(ref stored);
    public long ArchivedOnly => Volatile.Read(ref archivedOnly);
    public long Duplicates => Volatile.Read(ref duplicates);
    public long Quarantined => Volatile.Read(ref quarantined);
    public long InFlight => Volatile.Read(ref inFlight);

    /// <summary>Every message received has been decided: stored, archived, duplicate or quarantined.</summary>
    public long Decided => Stored + ArchivedOnly + Duplicates + Quarantined;

    public IReadOnlyDictionary<RejectReason, long> RejectedByReason => new Dictionary<RejectReason, long>(rejectedByReason);

    internal void OnReceived()
    {
        Interlocked.Increment(ref received);
        Interlocked.Increment(ref inFlight);
    }

    internal void OnDecided(IngestOutcome outcome, RejectReason? reason)
    {
        Interlocked.Decrement(ref inFlight);
        switch (outcome)
        {
            case IngestOutcome.Stored: Interlocked.Increment(ref stored); break;
            case IngestOutcome.ArchivedOnly: Interlocked.Increment(ref archivedOnly); break;
            case IngestOutcome.Duplicate: Interlocked.Increment(ref duplicates); break;
            case IngestOutcome.Quarantined:
                Interlocked.Increment(ref quarantined);
                rejectedByReason.AddOrUpdate(reason!.Value, 1, (_, n) => n + 1);
                break;
        }
        messages.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome.ToString()),
            new KeyValuePair<string, object?>("reason", reason?.ToString() ?? "none"));
    }

    internal void OnCommit(int batchSize, TimeSpan elapsed)
    {
        commitBatchSize.Record(batchSize);
        commitSeconds.Record(elapsed.TotalSeconds);
    }

    public void Dispose() => meter.Dispose();
}
