namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>What the device did about a DR command (docs/protocol.md §3.1, DR report outcome).</summary>
    public enum DrOutcome
    {
        /// <summary>No outcome to report (a duplicate command ignored on the device); never valid on the wire.</summary>
        None = 0,
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
