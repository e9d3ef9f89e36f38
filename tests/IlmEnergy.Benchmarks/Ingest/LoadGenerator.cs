using System.Diagnostics;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// The simulator: a fleet of virtual plugs publishing pre-signed 6-sample batches over a few MQTT
/// connections. Message k of the run is batch (k / plugs) + 1 of plug k mod plugs, so every plug's
/// stream is continuous across phases. Signing happens before a phase starts, never during it.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private const int MaxUnacknowledgedPublishes = 2_000;

    private readonly List<VirtualPlug> plugs;
    private readonly List<PlugPublisher> connections = [];
    private readonly long originMs;
    private readonly List<(string Topic, byte[] Payload)> messages = [];
    private readonly List<long> publishTicks = [];
    private readonly List<long> publishUnixMs = [];

    public LoadGenerator(int plugCount)
    {
        plugs = Enumerable.Range(0, plugCount).Select(_ => new VirtualPlug()).ToList();
        // 13 days back: inside the 14-day backlog window, and hours of batches never reach the future.
        originMs = DateTimeOffset.UtcNow.AddDays(-13).ToUnixTimeMilliseconds();
    }

    public IReadOnlyList<VirtualPlug> Plugs => plugs;

    /// <summary>Messages signed so far (the next phase starts at <see cref="Published"/>).</summary>
    public int Signed => messages.Count;

    /// <summary>Messages handed to the broker so far, in publish order.</summary>
    public int Published => publishTicks.Count;

    /// <summary>Size of one signed batch.</summary>
    public int MessageBytes => messages.Count > 0 ? messages[0].Payload.Length : 0;

    /// <summary>Stopwatch timestamp of the publish of message <paramref name="index"/>.</summary>
    public long PublishTicks(int index) => publishTicks[index];

    /// <summary>Wall-clock (Unix ms) of the publish of message <paramref name="index"/>.</summary>
    public long PublishUnixMs(int index) => publishUnixMs[index];

    /// <summary>(device, seq) of message <paramref name="index"/>.</summary>
    public (string DeviceId, long Seq) Identify(int index) => (plugs[index % plugs.Count].DeviceId, index / plugs.Count + 1);

    public async Task ConnectAsync(string host, int port, int connectionCount)
    {
        for (var c = 0; c < connectionCount; c++)
            connections.Add(await PlugPublisher.ConnectAsync(host, port, $"ilm-bench-publisher-{c}"));
    }

    /// <summary>Signs the next <paramref name="count"/> messages on all cores.</summary>
    public void SignMore(int count)
    {
        var start = messages.Count;
        var signed = new (string, byte[])[count];
        Parallel.For(0, count, i =>
        {
            var k = start + i;
            var plug = plugs[k % plugs.Count];
            signed[i] = (plug.ReadingsTopic, plug.SignedStreamBatch(k / plugs.Count + 1, originMs));
        });
        messages.AddRange(signed);
    }

    /// <summary>
    /// Publishes signed messages from <see cref="Published"/> on, as fast as <paramref name="mayPublish"/>
    /// allows (it gets the index of the next message) or at the times of <paramref name="schedule"/> (it gets
    /// the number published so far in this call), until <paramref name="until"/>, <paramref name="maxCount"/>
    /// messages, or the signed ones run out.
    /// </summary>
    public async Task PublishAsync(Func<int, bool> mayPublish, TimeSpan until, Func<int, TimeSpan>? schedule = null, int maxCount = int.MaxValue)
    {
        using var slots = new SemaphoreSlim(MaxUnacknowledgedPublishes);
        var sends = new List<Task>();
        var clock = Stopwatch.StartNew();
        var first = Published;
        var end = (int)Math.Min(messages.Count, (long)first + maxCount);
        while (Published < end && clock.Elapsed < until)
        {
            var index = Published;
            if (schedule is not null)
            {
                // Computed once: a negative TimeSpan between -2 and -1 ms would make Task.Delay wait forever.
                var wait = schedule(index - first) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                    continue;
                }
            }
            if (!mayPublish(index))
            {
                await Task.Delay(1);
                continue;
            }
            await slots.WaitAsync();
            publishTicks.Add(Stopwatch.GetTimestamp());
            publishUnixMs.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var (topic, payload) = messages[index];
            sends.Add(SendAsync(connections[index % connections.Count], topic, payload, slots));
        }
        await Task.WhenAll(sends);
    }

    private static async Task SendAsync(PlugPublisher connection, string topic, byte[] payload, SemaphoreSlim slots)
    {
        try
        {
            await connection.PublishAsync(topic, payload);
        }
        finally
        {
            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections) await connection.DisposeAsync();
        foreach (var plug in plugs) plug.Dispose();
    }
}
