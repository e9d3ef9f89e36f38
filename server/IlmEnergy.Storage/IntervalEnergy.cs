namespace IlmEnergy.Storage;

/// <summary>Energy a device used in one interval [<paramref name="StartMs"/>, <paramref name="EndMs"/>).</summary>
/// <param name="EnergyMilliWattHours">Sum of counter increases of the samples inside the interval.</param>
/// <param name="Samples">Samples inside the interval; 0 means no data (not "no consumption").</param>
public sealed record IntervalEnergy(long StartMs, long EndMs, long EnergyMilliWattHours, int Samples);

/// <summary>
/// Per-interval energy from the cumulative counter, the same way for every store: each sample's increase
/// over the previous sample is credited to the interval holding the later sample. A decrease is a counter
/// reset (flash lost, factory reset): the counter restarted from zero, so its new value is the increase.
/// </summary>
public static class IntervalEnergyCalculator
{
    /// <param name="points">One device's samples, oldest first; may start before <paramref name="fromMs"/> (the baseline sample).</param>
    public static IReadOnlyList<IntervalEnergy> Compute(IReadOnlyList<ReadingPoint> points, long fromMs, long toMs, long intervalMs)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalMs, 0);
        if (toMs <= fromMs) return [];
        var count = checked((int)((toMs - fromMs + intervalMs - 1) / intervalMs));
        var energy = new long[count];
        var samples = new int[count];
        ReadingPoint? previous = null;
        foreach (var point in points)
        {
            if (point.TimestampMs >= toMs) break;
            if (point.TimestampMs >= fromMs)
            {
                var k = (int)((point.TimestampMs - fromMs) / intervalMs);
                samples[k]++;
                if (previous is not null)
                {
                    var increase = point.EnergyMilliWattHours - previous.EnergyMilliWattHours;
                    energy[k] += increase >= 0 ? increase : point.EnergyMilliWattHours;
                }
            }
            previous = point;
        }
        var result = new IntervalEnergy[count];
        for (var k = 0; k < count; k++)
        {
            var start = fromMs + k * intervalMs;
            result[k] = new IntervalEnergy(start, Math.Min(start + intervalMs, toMs), energy[k], samples[k]);
        }
        return result;
    }

    /// <summary>
    /// Reads one device's samples (plus up to one interval before <paramref name="fromMs"/> as the
    /// baseline) and sums them per interval. Works on any <see cref="IReadingStore"/>.
    /// </summary>
    public static async Task<IReadOnlyList<IntervalEnergy>> ReadIntervalEnergyAsync(
        this IReadingStore store, string deviceId, long fromMs, long toMs, long intervalMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalMs, 0);
        if (toMs <= fromMs) return [];
        var points = await store.ReadAsync(deviceId, fromMs - intervalMs, toMs, cancellationToken);
        return Compute(points, fromMs, toMs, intervalMs);
    }
}
