namespace IlmEnergy.Protocol;

/// <summary>A decoded, schema-checked payload. Match on the concrete type or <see cref="Kind"/>.</summary>
public abstract record ProtocolMessage
{
    public abstract MessageKind Kind { get; }

    /// <summary>Unix milliseconds to UTC time; every decoded timestamp is within range by construction.</summary>
    public static DateTimeOffset ToTime(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
