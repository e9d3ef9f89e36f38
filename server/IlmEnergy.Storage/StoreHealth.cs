namespace IlmEnergy.Storage;

/// <summary>What a health endpoint or metric exporter wants to know about a reading store.</summary>
/// <param name="Backend">"sqlite" or "influxdb".</param>
/// <param name="Reachable">False while the backend refuses writes (points then go to the spool).</param>
/// <param name="SpoolBytes">Bytes waiting in the disk spool (always 0 for SQLite).</param>
/// <param name="SpooledBatches">Batches waiting in the disk spool.</param>
/// <param name="DeadLetteredBatches">Batches the server rejected as malformed since start (see the dead-letter file).</param>
/// <param name="LastError">The most recent write error, if any.</param>
public sealed record StoreHealth(
    string Backend,
    bool Reachable,
    long SpoolBytes,
    long SpooledBatches,
    long DeadLetteredBatches,
    string? LastError);
