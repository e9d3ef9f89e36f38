namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>What the device did about a DR command (docs/protocol.md §3.1, DR report outcome).</summary>
    public enum DrOutcome
    {
        Scheduled = 1,
        Curtailed = 2,
        Restored = 3,
        DeclinedNotOptedIn = 4,
        RejectedSignature = 5,
        RejectedInvalid = 6,
        Cancelled = 7,
        OwnerOverride = 8
    }
}
