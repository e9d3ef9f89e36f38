using System.Diagnostics;
using IlmEnergy.Benchmarks.Ingest;
using IlmEnergy.Protocol;

namespace IlmEnergy.Ingester.Tests;

/// <summary>
/// A deterministic fault-test load: <see cref="Plugs"/> virtual plugs, each publishing batches 1…<c>batchesPerPlug</c>
/// of a steady stream on its own connection (client id = device id), plus, every <see cref="InvalidEvery"/>th
/// batch, a copy with one signature bit flipped that must be quarantined as BadSignature. Everything is
/// signed up front so publishing costs no crypto. The invalid copies are spread evenly through the stream
/// (plug <c>p</c> sends one after batch <c>seq</c> when (seq + p) is a multiple of <see cref="InvalidEvery"/>), so a
/// fault at any moment hits some.
/// </summary>
internal sealed class StreamWorkload : IDisposable
{
    public const int InvalidEvery = 50;

    private readonly List<(VirtualPlug Plug, string Topic, byte[] Payload)> messages = [];
    private long published;

    public StreamWorkload(int plugs, int batchesPerPlug)
    {
        if (batchesPerPlug % InvalidEvery != 0) throw new ArgumentException($"batchesPerPlug must be a multiple of {InvalidEvery}", nameof(batchesPerPlug));
        // Two days ago: inside the 14-day backlog window, and batchesPerPlug minutes never reach the future.
        var originMs = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds();
        Plugs = Enumerable.Range(0, plugs).Select(_ => new VirtualPlug()).ToList();
        // Round-robin over plugs, seq by seq: the order a fleet publishes in.
        for (var seq = 1; seq <= batchesPerPlug; seq++)
        {
            for (var p = 0; p < plugs; p++)
            {
                var plug = Plugs[p];
                var signed = plug.SignedStreamBatch(seq, originMs);
                messages.Add((plug, plug.ReadingsTopic, signed));
                if ((seq + p) % InvalidEvery == 0)
                {
                    var tampered = (byte[])signed.Clone();
                    tampered[^1] ^= 0x01; // last byte of the signature
                    messages.Add((plug, plug.ReadingsTopic, tampered));
                }
            }
        }
        ValidCount = plugs * batchesPerPlug;
        InvalidCount = plugs * (batchesPerPlug / InvalidEvery);
        BatchesPerPlug = batchesPerPlug;
    }

    public IReadOnlyList<VirtualPlug> Plugs { get; }

    public int BatchesPerPlug { get; }

    /// <summary>Messages that must each be archived and stored exactly once.</summary>
    public int ValidCount { get; }

    /// <summary>Messages that must each be quarantined exactly once, as BadSignature.</summary>
    public int InvalidCount { get; }

    public int TotalCount => messages.Count;

    /// <summary>Messages acknowledged by the broker so far.</summary>
    public long Published => Interlocked.Read(ref published);

    /// <summary>
    /// Publishes everything at about <paramref name="messagesPerSecond"/>, at most <paramref name="window"/>
    /// unacknowledged at a time, each plug on its own connection; returns when the broker acknowledged all.
    /// </summary>
    public async Task PublishAllAsync(IngestTestBed bed, int messagesPerSecond, int window = 64, CancellationToken cancellationToken = default)
    {
        var publishers = new Dictionary<VirtualPlug, PlugPublisher>();
        foreach (var plug in Plugs) publishers[plug] = await bed.PublisherAsync(plug.DeviceId);
        using var slots = new SemaphoreSlim(window);
        var sends = new List<Task>(messages.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages.Count; i++)
        {
            // Computed once: a negative TimeSpan between -2 and -1 ms would make Task.Delay wait forever.
            var wait = TimeSpan.FromSeconds((double)i / messagesPerSecond) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            await slots.WaitAsync(cancellationToken);
            var (plug, topic, payload) = messages[i];
            sends.Add(SendAsync(publishers[plug], topic, payload, slots, cancellationToken));
        }
        await Task.WhenAll(sends);
    }

    private async Task SendAsync(PlugPublisher publisher, string topic, byte[] payload, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(topic, payload, cancellationToken);
            Interlocked.Increment(ref published);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Waits until every message is accounted for, then checks it stays exact: the archive holds each valid
    /// batch once, quarantine holds each invalid one once as BadSignature, and InfluxDB holds six points per
    /// valid batch, for every plug.
    /// </summary>
    public async Task AssertEachStoredOrQuarantinedOnceAsync(IngestTestBed bed, TimeSpan timeout)
    {
        async Task<string> Describe()
        {
            var quarantined = await bed.QuarantinedAsync();
            return $"sent {TotalCount} ({ValidCount} valid, {InvalidCount} invalid), published {Published}; " +
                   $"archived {await bed.AcceptedAsync()}, quarantined [{string.Join(", ", quarantined.Select(q => $"{q.Key}: {q.Value}"))}], " +
                   $"InfluxDB points {await bed.Query.CountReadingsAsync()} (expected {ValidCount * VirtualPlug.SamplesPerBatch})";
        }

        async Task<bool> AllThere() =>
            await bed.AcceptedAsync() >= ValidCount
            && (await bed.QuarantinedAsync()).Values.Sum() >= InvalidCount
            && await bed.Query.CountReadingsAsync() >= ValidCount * VirtualPlug.SamplesPerBatch;

        await bed.WaitUntilAsync(AllThere, timeout, Describe);
        // Redeliveries still on their way would show up as doubles now; give them a moment.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.True(ValidCount == await bed.AcceptedAsync(), "archive: " + await Describe());
        var rejected = await bed.QuarantinedAsync();
        Assert.True(rejected.Count == 1 && rejected.GetValueOrDefault((int)RejectReason.BadSignature) == InvalidCount, "quarantine: " + await Describe());
        Assert.Equal(ValidCount * VirtualPlug.SamplesPerBatch, await bed.Query.CountReadingsAsync());
        var perDevice = await bed.Query.CountReadingsByDeviceAsync();
        Assert.Equal(Plugs.Count, perDevice.Count);
        foreach (var plug in Plugs)
            Assert.Equal(BatchesPerPlug * VirtualPlug.SamplesPerBatch, perDevice[plug.DeviceId]);
    }

    public void Dispose()
    {
        foreach (var plug in Plugs) plug.Dispose();
    }
}
