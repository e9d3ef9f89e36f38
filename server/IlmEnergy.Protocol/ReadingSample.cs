namespace IlmEnergy.Protocol;

/// <summary>One metering sample (docs/protocol.md §3.1, "Sample"), in the wire's integer units.</summary>
/// <param name="TimestampMs">End of the averaging interval, Unix milliseconds UTC.</param>
/// <param name="EnergyMwh">Cumulative energy counter at <paramref name="TimestampMs"/>, mWh.</param>
/// <param name="PowerMw">Mean active power over the interval, mW; positive = consumption.</param>
/// <param name="VoltageMv">RMS voltage, mV.</param>
/// <param name="CurrentMa">RMS current, mA.</param>
/// <param name="RelayClosed">True when the load was powered at <paramref name="TimestampMs"/>.</param>
public readonly record struct ReadingSample(
    long TimestampMs,
    long EnergyMwh,
    int PowerMw,
    uint VoltageMv,
    uint CurrentMa,
    bool RelayClosed)
{
    public DateTimeOffset Time => ProtocolMessage.ToTime(TimestampMs);
}
