namespace IlmEnergy.Registry;

/// <summary>
/// The device registry. SQLite by default; a PostgreSQL implementation can stand behind the same
/// interface when several ingesters share it.
/// </summary>
public interface IDeviceRegistry
{
    /// <summary>The device, or null when it is unknown.</summary>
    Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a device, or leaves an existing one unchanged (status, owner and first-seen are kept).
    /// Returns the record as stored.
    /// </summary>
    Task<DeviceRecord> RegisterAsync(string deviceId, byte[] publicKey, string board, DeviceStatus status, long nowMs, CancellationToken cancellationToken = default);

    /// <summary>Sets the status; false when the device is unknown.</summary>
    Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken = default);

    /// <summary>Records the owner wallet and activates the device; false when the device is unknown.</summary>
    Task<bool> SetOwnerAsync(string deviceId, string ownerWallet, CancellationToken cancellationToken = default);

    /// <summary>Advances last-seen (never backwards) and records the firmware version.</summary>
    Task TouchAsync(string deviceId, long lastSeenMs, string? firmwareVersion, CancellationToken cancellationToken = default);

    /// <summary>Records many sightings in one transaction (the ingester flushes them every few seconds).</summary>
    Task TouchManyAsync(IReadOnlyCollection<DeviceSighting> sightings, CancellationToken cancellationToken = default);

    /// <summary>All devices, ordered by id.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListAsync(CancellationToken cancellationToken = default);
}
