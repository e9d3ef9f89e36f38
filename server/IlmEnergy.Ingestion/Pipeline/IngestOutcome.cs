namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>What became of one message. Every message ends in exactly one of these.</summary>
public enum IngestOutcome
{
    /// <summary>Verified, valid, archived and its samples stored.</summary>
    Stored,

    /// <summary>Archived only: a valid batch whose clock was not synced (not settled, not charted).</summary>
    ArchivedOnly,

    /// <summary>A byte-identical redelivery of a stored batch: acknowledged, nothing written.</summary>
    Duplicate,

    /// <summary>Rejected with a reason and kept in quarantine.</summary>
    Quarantined,
}
