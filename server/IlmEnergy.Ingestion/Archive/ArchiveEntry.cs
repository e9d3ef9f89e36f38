namespace IlmEnergy.Ingestion.Archive;

/// <summary>An accepted message, verbatim, with what it is filed under.</summary>
public sealed record ArchiveEntry(string DeviceId, long ReceivedMs, string Topic, byte[] Message, BatchSummary Summary)
{
    public long Seq => Summary.Seq;
}

/// <summary>How the archive took an entry.</summary>
public enum ArchiveOutcome
{
    /// <summary>New (device, seq): appended.</summary>
    Stored,

    /// <summary>The same bytes were already stored under (device, seq): a harmless redelivery.</summary>
    IdenticalDuplicate,

    /// <summary>Different bytes already stored under (device, seq): equivocation, nothing appended.</summary>
    Conflict,
}

/// <summary>The archive's answer for one entry; <see cref="ExistingMessage"/> is the stored copy on a conflict.</summary>
public sealed record ArchiveResult(ArchiveOutcome Outcome, byte[]? ExistingMessage);
