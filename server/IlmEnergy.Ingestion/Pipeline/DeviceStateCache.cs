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

    // ValueTask: these run once per message and almost always answer from memory without awaiting.
    public ValueTask<DeviceRecord?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (devices.TryGetValue(deviceId, out var cached) && cached.ExpiresMs > now) return ValueTask.FromResult(cached.Record);
        return LoadDeviceAsync(deviceId, now, cancellationToken);
    }

    private async ValueTask<DeviceRecord?> LoadDeviceAsync(string deviceId, long now, CancellationToken cancellationToken)
    {
        var record = await registry.FindAsync(deviceId, cancellationToken);
        devices[deviceId] = (record, now + (long)registryCacheTime.TotalMilliseconds);
        return record;
    }

    /// <summary>The archived bytes under (device, seq), or null. A seq above the highest one this process archived cannot be there.</summary>
    public ValueTask<byte[]?> FindArchivedAsync(string deviceId, long seq, CancellationToken cancellationToken)
    {
        if (highest.TryGetValue(deviceId, out var top) && seq > top.Seq) return ValueTask.FromResult<byte[]?>(null);
        return new ValueTask<byte[]?>(archive.FindMessageAsync(deviceId, seq, cancellationToken));
    }

    public ValueTask<(BatchSummary? Previous, BatchSummary? Next)> FindNeighboursAsync(string deviceId, long seq, CancellationToken cancellationToken)
    {
        if (highest.TryGetValue(deviceId, out var top) && seq > top.Seq) return ValueTask.FromResult<(BatchSummary?, BatchSummary?)>((top, null));
        return LoadNeighboursAsync(deviceId, seq, cancellationToken);
    }

    private async ValueTask<(BatchSummary? Previous, BatchSummary? Next)> LoadNeighboursAsync(string deviceId, long seq, CancellationToken cancellationToken)
    {
        var previous = await archive.FindPreviousAsync(deviceId, seq, cancellationToken);
        var next = await archive.FindNextAsync(deviceId, seq, cancellationToken);
        if (next is null && previous is not null) RaiseHighest(deviceId, previous);
        return (previous, next);
    }

    public void OnArchived(string deviceId, BatchSummary summary, string firmware)
    {
        RaiseHighest(deviceId, summary);
        var seenMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        sightings[deviceId] = new DeviceSighting(deviceId, seenMs, firmware);
    }

    private void RaiseHighest(string deviceId, BatchSummary summary) =>
        highest.AddOrUpdate(deviceId, static (_, candidate) => candidate, static (_, old, candidate) => old.Seq >= candidate.Seq ? old : candidate, summary);

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
