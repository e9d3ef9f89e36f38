using System.Collections.Concurrent;
using IlmEnergy.Protocol;

namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>
/// Counters and timings of the pipeline, readable in-process (tests, benchmark, the stats endpoint)
/// and observable through events, which the host turns into Prometheus metrics.
/// </summary>
public sealed class IngestStatistics
{
    private readonly ConcurrentDictionary<RejectReason, long> rejectedByReason = new();
    private long received, stored, archivedOnly, duplicates, quarantined, inFlight;

    /// <summary>Raised on a verify worker after each decode+verify, with its duration.</summary>
    public event Action<TimeSpan>? Verified;

    /// <summary>Raised after each durable commit: its size and the time spent in each stage.</summary>
    public event Action<CommitTimings>? Committed;

    public long Received => Volatile.Read(ref received);
    public long Stored => Volatile.Read(ref stored);
    public long ArchivedOnly => Volatile.Read(ref archivedOnly);
    public long Duplicates => Volatile.Read(ref duplicates);
    public long Quarantined => Volatile.Read(ref quarantined);

    /// <summary>Messages received and not yet acknowledged (the pipeline's queue depth).</summary>
    public long InFlight => Volatile.Read(ref inFlight);

    /// <summary>Every message received has been decided: stored, archived, duplicate or quarantined.</summary>
    public long Decided => Stored + ArchivedOnly + Duplicates + Quarantined;

    public IReadOnlyDictionary<RejectReason, long> RejectedByReason => new Dictionary<RejectReason, long>(rejectedByReason);

    internal void OnReceived()
    {
        Interlocked.Increment(ref received);
        Interlocked.Increment(ref inFlight);
    }

    internal void OnVerified(TimeSpan elapsed) => Verified?.Invoke(elapsed);

    internal void OnDecided(IngestOutcome outcome, RejectReason? reason)
    {
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
        Interlocked.Decrement(ref inFlight);
    }

    internal void OnCommitted(CommitTimings timings) => Committed?.Invoke(timings);
}

/// <summary>One durable commit: how many messages, how many samples, and where the time went.</summary>
public sealed record CommitTimings(int Messages, int Points, TimeSpan Decide, TimeSpan Archive, TimeSpan Store, TimeSpan Acknowledge)
{
    public TimeSpan Total => Decide + Archive + Store + Acknowledge;
}
