namespace IlmEnergy.Ingestion.Archive;

/// <summary>
/// A rejected message, kept verbatim with its reason. <see cref="Evidence"/> holds a second message
/// where the reason is about a pair (the stored copy of a conflicting duplicate).
/// </summary>
public sealed record QuarantineEntry(
    long ReceivedMs,
    string Topic,
    string? DeviceId,
    long? Seq,
    int ReasonCode,
    string ReasonName,
    string Detail,
    byte[] Message,
    byte[]? Evidence);

/// <summary>Rejections counted by reason, for operators and the audit trail.</summary>
public sealed record ReasonCount(int ReasonCode, string ReasonName, long Count);
