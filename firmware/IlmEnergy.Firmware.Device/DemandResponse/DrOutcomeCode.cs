namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// DR report outcome codes, numbered exactly as docs/protocol.md §3.1 so the lead can cast them to the
    /// protocol encoder's enum. <see cref="None"/> is device-internal: "nothing reported" (duplicate command).
    /// </summary>
    public enum DrOutcomeCode
    {
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
