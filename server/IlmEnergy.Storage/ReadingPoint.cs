namespace IlmEnergy.Storage;

/// <summary>
/// One stored metering sample (docs/protocol.md §3.1 "Sample" plus the batch fields worth keeping).
/// Identity is (<see cref="DeviceId"/>, <see cref="TimestampMs"/>): writing the same identity again
/// replaces the values, which is what makes redelivered batches harmless.
/// </summary>
/// <param name="DeviceId">Device id, base58 of its Ed25519 public key.</param>
/// <param name="Board">Board model id from the batch (bounded set, stored as a tag in InfluxDB).</param>
/// <param name="TimestampMs">End of the sample's averaging interval, Unix milliseconds UTC.</param>
/// <param name="EnergyMilliWattHours">Cumulative energy counter, mWh.</param>
/// <param name="PowerMilliWatts">Mean active power over the interval, mW (negative = export).</param>
/// <param name="VoltageMilliVolts">RMS voltage, mV.</param>
/// <param name="CurrentMilliAmps">RMS current, mA.</param>
/// <param name="RelayClosed">True when the load was powered.</param>
/// <param name="Seq">Sequence number of the batch the sample came in.</param>
/// <param name="Flags">Flags of the batch the sample came in (docs/protocol.md §3.1 "Flags").</param>
public sealed record ReadingPoint(
    string DeviceId,
    string Board,
    long TimestampMs,
    long EnergyMilliWattHours,
    long PowerMilliWatts,
    long VoltageMilliVolts,
    long CurrentMilliAmps,
    bool RelayClosed,
    long Seq,
    int Flags);
