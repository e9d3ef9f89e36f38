using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

public class ConnectivityTests
{
    [Fact]
    public void BackoffDoublesWithJitterAndCapsAtFiveMinutes()
    {
        ReconnectBackoff backoff = new(new FakeRandom(1));
        long ceiling = 1000;
        for (int i = 0; i < 20; i++)
        {
            long delay = backoff.Failed(0);
            Assert.InRange(delay, ceiling / 2, ceiling); // equal jitter: half fixed, half random
            ceiling = Math.Min(ceiling * 2, 300_000);
        }

        Assert.False(backoff.IsDue(149_999));
        backoff.Succeeded();
        Assert.True(backoff.IsDue(0));
        Assert.InRange(backoff.Failed(10_000), 500, 1000);
    }

    [Fact]
    public void JitterSpreadsAFleet()
    {
        long[] delays = Enumerable.Range(0, 200).Select(seed =>
        {
            ReconnectBackoff b = new(new FakeRandom(seed));
            for (int i = 0; i < 9; i++)
            {
                b.Failed(0);
            }

            return b.Failed(0); // tenth failure: ceiling 300 s, cap reached
        }).ToArray();
        Assert.InRange(delays.Min(), 150_000, 200_000);
        Assert.InRange(delays.Max(), 250_000, 300_000);
        Assert.True(delays.Distinct().Count() > 150);
    }

    [Fact]
    public void WindowReleasesRecordsOnlyInOrder()
    {
        PublishWindow w = new(4);
        w.Published(10, 1);
        w.Published(11, 2);
        w.Published(12, 3);
        Assert.True(w.Acknowledge(2));
        Assert.False(w.OldestAcknowledged(out _)); // 10 still open: 11 must wait
        Assert.False(w.Acknowledge(99));
        Assert.True(w.Acknowledge(1));
        Assert.True(w.OldestAcknowledged(out long seq));
        Assert.Equal(10, seq);
        w.RemoveOldest();
        Assert.True(w.OldestAcknowledged(out seq));
        Assert.Equal(11, seq);
        w.RemoveOldest();
        Assert.False(w.OldestAcknowledged(out _));
        Assert.Equal(1, w.Count);
        w.Clear();
        Assert.Equal(0, w.Count);
    }

    [Fact]
    public void EventQueueHandsCallbacksToTheLoopInOrderAndBoundsCommands()
    {
        MqttEventQueue q = new();
        Parallel.For(0, 1000, i => q.Acknowledged((ushort)(i + 1)));
        q.ConnectionLost();
        MqttEvent[] events = q.DrainAll();
        Assert.Equal(1001, events.Length);
        Assert.Equal(MqttEventKind.ConnectionLost, events[^1].Kind);
        Assert.Empty(q.DrainAll());

        for (int i = 0; i < 200; i++)
        {
            q.Received("cmd", [(byte)i]);
        }

        MqttEvent[] messages = q.DrainAll();
        Assert.Equal(MqttEventQueue.Capacity, messages.Length);
        Assert.Equal(200 - MqttEventQueue.Capacity, messages[0].Payload[0]); // the newest are kept
    }

    [Fact]
    public void DownsamplerMergesWithoutLosingEnergy()
    {
        SampleDownsampler d = new() { Factor = 3 };
        Sample S(long t, long e, int p, bool synced = true) => new() { TimestampMs = t, EnergyMwh = e, PowerMw = p, VoltageMv = 230_000, CurrentMa = p / 230, ClockSynced = synced, RelayClosed = true };
        Assert.Null(d.Add(S(10, 1, 100)));
        Assert.Null(d.Add(S(20, 2, 200, synced: false)));
        Sample merged = d.Add(S(30, 3, 600))!;
        Assert.Equal(30, merged.TimestampMs);
        Assert.Equal(3, merged.EnergyMwh);
        Assert.Equal(300, merged.PowerMw);
        Assert.False(merged.ClockSynced);
        d.Factor = 1;
        Sample same = S(40, 4, 1);
        Assert.Same(same, d.Add(same));
    }
}
