namespace IlmEnergy.Protocol;

/// <summary>Numeric limits of protocol version 1 (docs/protocol.md §2, §3).</summary>
public static class ProtocolLimits
{
    public const int FormatVersion = 1;
    public const int MaxMessageBytes = 4096;
    public const int KeyBytes = 32;
    public const int SignatureBytes = 64;

    public const int MaxSamplesPerBatch = 120;
    public const int MaxDrReportsPerBatch = 16;
    public const int MaxBoardBytes = 32;
    public const int MaxFirmwareBytes = 32;
    public const int MaxIdBytes = 64;

    /// <summary>Longest demand-response window a command may ask for.</summary>
    public const long MaxDrWindowMs = 4L * 60 * 60 * 1000;

    /// <summary>
    /// Largest Unix-millisecond timestamp accepted (9999-12-31T23:59:59.999Z). The spec types times as
    /// uint; anything beyond what <see cref="DateTimeOffset"/> can represent is a <c>LimitExceeded</c>, so
    /// every decoded time converts to a date without failing. Plausibility is the ingester's job (§5).
    /// </summary>
    public const long MaxUnixMilliseconds = 253_402_300_799_999;
}
