namespace IlmEnergy.Protocol;

/// <summary>Batch flags, payload key 6 (docs/protocol.md §3.1). Bits 7 and above are reserved.</summary>
[Flags]
public enum ReadingFlags : uint
{
    None = 0,
    ClockNotSynced = 0x01,
    CounterReset = 0x02,
    OutboxOverflow = 0x04,
    MeterFault = 0x08,
    Uncalibrated = 0x10,
    Curtailed = 0x20,
    FirstAfterBoot = 0x40,

    /// <summary>Every bit version 1 defines; any other bit is a <c>SchemaViolation</c>.</summary>
    AllDefined = 0x7F,
}
