using System.Collections.Concurrent;
using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Registry;

namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>
/// Per-device knowledge the committer needs for every message, kept in memory so the common case
/// (a device's batches arriving in seq order) costs no database round trip:
/// the registry record (cached for a short time), the highest archived batch, and last-seen times
/// that are written to the registry in one batch every few seconds.
/// Out-of-order arrivals fall back to the archive.
/// </summary>
internal sealed class DeviceStateCache(IDeviceRegistry registry, IMessageArchive archive, TimeSpan registryCacheTime, TimeProvider time)
{
    private static readonly TimeSpan SightingFlushInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (DeviceRecord? Record, long ExpiresMs)> devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BatchSummary> highest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceSighting> sightings = new(StringComparer.Ordinal);
    private long lastFlushMs;

    public async Task<DeviceRecord?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (devices.TryGetValue(deviceId, out var cached) && cached.ExpiresMs > now) return cached.Record;
        var record = await registry.FindAsync(deviceId, cancellationToken);
        devices[deviceId] = (record, now + (long)registryCacheTime.TotalMilliseconds);
        return record;
    }

    /// <summary>The archived bytes under (device, seq), or null. A seq above the highest one this process archived cannot be there.</summary>
    public async Task<byte[]?> FindArchivedAsync(string deviceId, long seq, CancellationToken cancellationToken)
    {
        if (highest.TryGetValue(deviceId, out var top) && seq > top.Seq) return null;
        return await archive.FindMessageAsync(deviceId, seq, cancellationToken);
    }

    public async Task<(BatchSummary? Previous, BatchSummary? Next)> FindNeighboursAsync(string deviceId, long seq, CancellationToken cancellationToken)
    {
        if (highest.TryGetValue(deviceId, out var top) && seq > top.Seq) return (top, null);
        var previous = await archive.FindPreviousAsync(deviceId, seq, cancellationToken);
        var next = await archive.FindNextAsync(deviceId, seq, cancellationToken);
        if (next is null && previous is not null) highest.AddOrUpdate(deviceId, previous, (_, old) => old.Seq >= previous.Seq ? old : previous);
        return (previous, next);
    }

    public void OnArchived(string deviceId, BatchSummary summary, string firmware)
    {
        highest.AddOrUpdate(deviceId, summary, (_, old) => old.Seq >= summary.Seq ? old : summary);
        var seenMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        sightings[deviceId] = new DeviceSighting(deviceId, seenMs, firmware);
    }

    public async Task FlushSightingsIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (sightings.Count == 0 || now - lastFlushMs < SightingFlushInterval.TotalMilliseconds) return;
        var batch = sightings.Values.ToList();
        sightings.Clear();
        lastFlushMs = now;
        await registry.TouchManyAsync(batch, cancellationToken);
    }
}
