namespace IlmEnergy.Ingestion.Archive;

/// <summary>
/// The append-only record of every message the ingester decided on: accepted messages in the raw
/// archive, rejected ones in quarantine. Both keep the exact received bytes so anyone can
/// re-verify them. A batch of entries is written in one durable transaction.
/// </summary>
public interface IMessageArchive
{
    /// <summary>
    /// Appends accepted messages and quarantined ones in one transaction. Accepted entries are keyed
    /// by (device, seq); the result for each says whether it was new, an identical redelivery or a
    /// conflict (in which case nothing is appended for it and the caller quarantines it). A quarantine entry
    /// whose topic and bytes are already quarantined (a redelivery) is not appended again.
    /// </summary>
    Task<IReadOnlyList<ArchiveResult>> CommitAsync(IReadOnlyList<ArchiveEntry> accepted, IReadOnlyList<QuarantineEntry> rejected, CancellationToken cancellationToken = default);

    /// <summary>The stored batch of the device with the highest seq below <paramref name="seq"/>, if any.</summary>
    Task<BatchSummary?> FindPreviousAsync(string deviceId, long seq, CancellationToken cancellationToken = default);

    /// <summary>The stored batch of the device with the lowest seq above <paramref name="seq"/>, if any.</summary>
    Task<BatchSummary?> FindNextAsync(string deviceId, long seq, CancellationToken cancellationToken = default);

    /// <summary>The archived bytes of (device, seq), or null.</summary>
    Task<byte[]?> FindMessageAsync(string deviceId, long seq, CancellationToken cancellationToken = default);

    Task<long> CountAcceptedAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReasonCount>> CountRejectedByReasonAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(int limit, CancellationToken cancellationToken = default);
}
