using System.Diagnostics;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// Polls the ingester's "stored" counter (incremented once a message's samples are durably written and
/// the message acknowledged) every few milliseconds and keeps the timeline, from which the time each
/// message was stored follows: the ingester commits in arrival order, so message k is stored once the
/// counter passes k.
/// </summary>
public sealed class StoredProgress : IAsyncDisposable
{
    private readonly IngesterProcess ingester;
    private readonly List<(long Ticks, long Stored)> timeline = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;
    private long latest;

    public StoredProgress(IngesterProcess ingester, TimeSpan interval)
    {
        this.ingester = ingester;
        polling = Task.Run(() => PollAsync(interval));
    }

    /// <summary>The most recent value of the ingester's stored counter.</summary>
    public long Stored => Interlocked.Read(ref latest);

    /// <summary>Stopwatch ticks of the first poll that saw the counter at or above <paramref name="count"/>; null if none yet.</summary>
    public long? FirstTicksAtLeast(long count)
    {
        lock (timeline)
        {
            int low = 0, high = timeline.Count - 1, found = -1;
            while (low <= high)
            {
                var mid = (low + high) / 2;
                if (timeline[mid].Stored >= count) { found = mid; high = mid - 1; }
                else low = mid + 1;
            }
            return found < 0 ? null : timeline[found].Ticks;
        }
    }

    /// <summary>Waits until the counter reaches <paramref name="count"/>.</summary>
    public async Task WaitForAsync(long count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Stored < count)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"the ingester stored {Stored} of {count} messages within {timeout.TotalSeconds:0} s\n{ingester.RecentOutput}");
            await Task.Delay(10);
        }
    }

    private async Task PollAsync(TimeSpan interval)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var stats = await ingester.GetStatsAsync();
                var now = Stopwatch.GetTimestamp();
                lock (timeline) timeline.Add((now, stats.Stored));
                Interlocked.Exchange(ref latest, stats.Stored);
            }
            catch (HttpRequestException)
            {
                // A busy moment; the next poll will do.
            }
            catch (TaskCanceledException)
            {
            }
            try { await Task.Delay(interval, stop.Token); } catch (OperationCanceledException) { break; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await polling;
        stop.Dispose();
    }
}
