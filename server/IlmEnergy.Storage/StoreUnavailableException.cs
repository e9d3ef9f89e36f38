namespace IlmEnergy.Storage;

/// <summary>
/// The store could not make the points durable (for InfluxDB: server down AND spool full or unwritable).
/// The caller must not acknowledge the source messages, so they are delivered again later.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
