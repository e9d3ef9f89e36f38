namespace IlmEnergy.Protocol;

/// <summary>What a device did about a demand-response command (docs/protocol.md §3.1, "DR report").</summary>
public enum DrOutcome
{
    Scheduled = 1,
    Curtailed = 2,
    Restored = 3,
    DeclinedNotOptedIn = 4,
    RejectedSignature = 5,
    RejectedInvalid = 6,
    Cancelled = 7,
    OwnerOverride = 8,
}

/// <summary>One DR report inside a readings batch: <c>[command id, outcome, at]</c>.</summary>
public sealed record DrReport(string CommandId, DrOutcome Outcome, long AtMs)
{
    public DateTimeOffset At => ProtocolMessage.ToTime(AtMs);
}
