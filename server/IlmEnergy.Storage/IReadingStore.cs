namespace IlmEnergy.Storage;

/// <summary>
/// Where verified samples live. Two implementations pass the same contract tests:
/// <see cref="Sqlite.SqliteReadingStore"/> (embedded default) and <see cref="Influx.InfluxReadingStore"/>.
/// </summary>
public interface IReadingStore : IAsyncDisposable
{
    /// <summary>
    /// Stores the points. Durable when the task completes (for InfluxDB: acknowledged by the server or
    /// safely in the disk spool). Idempotent: the same (device, timestamp) again overwrites, never duplicates.
    /// Throws <see cref="StoreUnavailableException"/> when the points could not be made durable, and
    /// <see cref="ArgumentException"/> for a point the backend cannot represent (e.g. a newline in an id for InfluxDB).
    /// </summary>
    Task WriteAsync(IReadOnlyList<ReadingPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Samples of one device with <paramref name="fromMs"/> ≤ timestamp &lt; <paramref name="toMs"/>, oldest first.</summary>
    Task<IReadOnlyList<ReadingPoint>> ReadAsync(string deviceId, long fromMs, long toMs, CancellationToken cancellationToken = default);

    /// <summary>Current state, cheap enough for a health endpoint.</summary>
    StoreHealth GetHealth();
}
