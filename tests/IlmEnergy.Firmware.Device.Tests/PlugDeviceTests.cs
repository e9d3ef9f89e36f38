using IlmEnergy.Firmware.Device.Tests.Fakes;
using NSec.Cryptography;
using Xunit.Abstractions;
using Server = IlmEnergy.Protocol;

namespace IlmEnergy.Firmware.Device.Tests;

/// <summary>
/// The whole device loop (PlugDevice) against fakes, with every published readings batch verified by the
/// server's own decoder (server/IlmEnergy.Protocol): what the plug sends is what the ingester accepts.
/// </summary>
public class PlugDeviceTests(ITestOutputHelper output)
{
    private static bool Has(Server.ReadingBatch b, Server.ReadingFlags f) => (b.Flags & f) == f;

    [Fact]
    public void PublishesSignedBatchesTheServerVerifies()
    {
        PlugHarness plug = new(_ => 100_000); // a steady 100 W
        plug.Run(10 * 60 + 5);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Assert.Equal(10, batches.Count);
        Assert.All(batches, b => Assert.Equal(6, b.Samples.Count));
        Assert.All(batches, b => Assert.Equal("athom-plug-v3", b.Board));
        for (int i = 1; i < batches.Count; i++)
        {
            Assert.Equal(batches[i - 1].Seq + 1, batches[i].Seq);
        }

        // Fresh flash: the seq floor was raised to the synced clock, the first batch declares the reset.
        Assert.True(batches[0].Seq >= PlugHarness.Start);
        Assert.True(Has(batches[0], Server.ReadingFlags.FirstAfterBoot | Server.ReadingFlags.CounterReset));
        Assert.False(Has(batches[1], Server.ReadingFlags.FirstAfterBoot));

        // 100 W for the 599 s between the first reading and the last sample = 16,639 mWh.
        long energy = batches[^1].Samples[^1].EnergyMwh;
        Assert.InRange(energy, 16_600, 16_700);
        Assert.Equal(0, plug.Device.OutboxCount);
        Assert.DoesNotContain(plug.Log.Lines, l => l.StartsWith('W'));
    }

    [Fact]
    public void IdentityIsCreatedOnceLoggedAndNeverLeaksTheSeed()
    {
        PlugHarness plug = new();
        string id = plug.Device.DeviceId;
        Assert.Equal(PlugHarness.Base58Of(plug.Device.PublicKey), id);
        byte[] seedRecord = plug.Files.Raw("identity.a");
        plug.Reboot();
        Assert.Equal(id, plug.Device.DeviceId);

        string hex = Convert.ToHexString(plug.Device.PublicKey).ToLowerInvariant();
        Assert.Equal(2, plug.Log.Lines.Count(l => l.Contains(id, StringComparison.Ordinal) && l.Contains(hex, StringComparison.Ordinal)));
        string seedHex = Convert.ToHexString(seedRecord.AsSpan(13, 32)).ToLowerInvariant();
        Assert.DoesNotContain(plug.Log.Lines, l => l.Contains(seedHex, StringComparison.Ordinal));
        plug.Run(120);
        Assert.DoesNotContain(plug.Broker.Messages, m => Convert.ToHexString(m.Payload).Contains(seedHex, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void HelloRetainedStatusAndSubscriptionAfterEveryConnect()
    {
        PlugHarness plug = new();
        plug.Run(1);
        Assert.Equal((plug.Device.DeviceId, "ilm/v1/dev/" + plug.Device.DeviceId + "/status", "offline"), plug.Broker.LastConnect);
        AssertConnectSequence(plug, 0);

        plug.Broker.GoDown();
        plug.Run(3);
        plug.Broker.Up = true;
        int before = plug.Broker.Messages.Count;
        plug.Run(10);
        AssertConnectSequence(plug, before);
        Assert.Equal(2, plug.Broker.Subscriptions.Count(t => t == plug.CommandTopic));

        Server.DecodeResult hello = new Server.UplinkDecoder().Decode(plug.Broker.Messages[before].Payload);
        Assert.True(hello.IsAccepted, hello.ToString());
        Server.HelloMessage h = Assert.IsType<Server.HelloMessage>(hello.Message);
        Assert.Equal(1u, h.Boot);
        Assert.InRange(h.DeviceTimeMs, plug.Clock.UtcNowMs - 10_000, plug.Clock.UtcNowMs); // reconnected within the backoff's first second
        Assert.True(h.NextSeq >= PlugHarness.Start, "hello announces the raised seq floor");
    }

    private static void AssertConnectSequence(PlugHarness plug, int from)
    {
        FakeBroker.Published hello = plug.Broker.Messages[from];
        FakeBroker.Published status = plug.Broker.Messages[from + 1];
        Assert.EndsWith("/hello", hello.Topic, StringComparison.Ordinal);
        Assert.False(hello.Retain);
        Assert.EndsWith("/status", status.Topic, StringComparison.Ordinal);
        Assert.True(status.Retain);
        Assert.Equal("online", System.Text.Encoding.UTF8.GetString(status.Payload));
    }

    [Fact]
    public void SequenceAndEnergyContinueAcrossReboots()
    {
        PlugHarness plug = new(_ => 1_000_000); // 1 kW
        plug.Run(5 * 60 + 5);
        plug.Reboot(planned: true);
        plug.Run(5 * 60 + 5);
        plug.Reboot(planned: false, offMs: 30_000); // power cut: energy since the last checkpoint may be lost, never invented
        plug.Run(5 * 60 + 5);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Assert.Equal(15, batches.Count);
        Assert.Equal(new uint[] { 1, 2, 3 }, batches.Select(b => b.Boot).Distinct());
        for (int i = 1; i < batches.Count; i++)
        {
            Assert.True(batches[i].Seq > batches[i - 1].Seq);
            Assert.True(batches[i].Samples[0].EnergyMwh >= batches[i - 1].Samples[^1].EnergyMwh, "energy never decreases");
            Assert.Equal(batches[i].Boot != batches[i - 1].Boot, Has(batches[i], Server.ReadingFlags.FirstAfterBoot));
        }

        Assert.Single(batches, b => Has(b, Server.ReadingFlags.CounterReset));

        // Within a boot seq is continuous; a reboot skips the rest of the reserved block (a gap, never a reuse).
        Assert.Equal(batches[4].Seq + 1 + 59, batches[5].Seq);

        // Planned reboot: nothing lost. 1 kW over 3 × ~300 s of metered time ≈ 250 Wh; after the unplanned
        // reboot at most the energy since the last batch's checkpoint is missing.
        long total = batches[^1].Samples[^1].EnergyMwh;
        output.WriteLine($"energy after 3 boots: {total} mWh; boots {plug.Boots}");
        // Upper bound: 1 kW over 3 × 305 s of readings; lower: only the unplanned cut may lose energy (< 1 batch).
        Assert.InRange(total, 250_000, 254_200);
    }

    [Fact]
    public void MeterCounterWrapDoesNotDisturbTheEnergyCounter()
    {
        // 3.6 kW = 1 mWh per ms: the fake chip's 24-bit register wraps after ~4.7 h; run 5 h.
        PlugHarness plug = new(_ => 3_600_000);
        long wrapsSeen = 0;
        long lastRaw = 0;
        plug.Run(5 * 3600, _ =>
        {
            if (plug.Meter.RawCounter < lastRaw)
            {
                wrapsSeen++;
            }

            lastRaw = plug.Meter.RawCounter;
        });

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        long[] energy = batches.SelectMany(b => b.Samples).Select(s => s.EnergyMwh).ToArray();
        Assert.True(wrapsSeen >= 1);
        Assert.All(energy.Zip(energy.Skip(1)), p => Assert.True(p.Second >= p.First));
        // 3.6 kW × 5 h = 18,000,000 mWh; the last published sample is up to a batch (60 s = 60,000 mWh) earlier.
        Assert.InRange(energy[^1], 18_000_000 - 70_000, 18_000_000);
    }

    [Fact]
    public void OutboxIsReplayedInOrderAfterAnOutageWithAtMostFourInFlight()
    {
        PlugHarness plug = new();
        plug.Run(120);
        plug.Broker.GoDown();
        plug.Run(20 * 60);
        Assert.InRange(plug.Device.OutboxCount, 19, 21);

        plug.Broker.Up = true;
        plug.Broker.AutoAck = false;
        for (int i = 0; i < 600 && plug.Device.OutboxCount > 0; i++) // the backoff may wait up to 5 min
        {
            plug.Run(1);
            plug.Broker.AckAll();
        }

        plug.Run(1);
        Assert.Equal(0, plug.Device.OutboxCount);
        Assert.Equal(4, plug.Broker.MaxReadingsInFlight);

        List<long> sentOrder = plug.Broker.Readings.Select(m => new Server.UplinkDecoder().Decode(m).Message).Cast<Server.ReadingBatch>().Select(b => b.Seq).ToList();
        Assert.Equal(sentOrder.OrderBy(s => s), sentOrder);
        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Assert.Equal(batches.Count, sentOrder.Count);
        Assert.Equal(batches[^1].Seq - batches[0].Seq + 1, batches.Count);
    }

    [Fact]
    public void UnacknowledgedBatchesAreResentAfterReconnect()
    {
        PlugHarness plug = new();
        plug.Broker.AutoAck = false;
        plug.Run(3 * 60 + 5); // three batches published, none acknowledged
        Assert.Equal(3, plug.Device.OutboxCount);
        plug.Broker.GoDown();
        plug.Run(2);
        plug.Broker.Up = true;
        plug.Broker.AutoAck = true;
        plug.Run(10);
        Assert.Equal(0, plug.Device.OutboxCount);
        List<long> seqs = plug.Broker.Readings.Select(m => ((Server.ReadingBatch)new Server.UplinkDecoder().Decode(m).Message!).Seq).ToList();
        Assert.Equal(6, seqs.Count); // each batch twice: once before the outage, once after, in order
        Assert.Equal(seqs.Take(3), seqs.Skip(3));
    }

    [Fact]
    public void TornOutboxWriteIsRecoveredAfterReboot()
    {
        PlugHarness plug = new();
        plug.Broker.GoDown();
        plug.Run(5 * 60 + 5);
        plug.Files.FailAfterBytes(100); // power dies 100 bytes into the next flash writes
        Assert.Throws<PowerLossException>(() => plug.Run(120));
        plug.Reboot(planned: false);
        plug.Broker.Up = true;
        plug.Run(5 * 60 + 5);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Assert.True(batches.Count >= 10, $"{batches.Count} batches");
        Assert.Equal(0, plug.Device.OutboxCount);
        for (int i = 1; i < batches.Count; i++)
        {
            Assert.True(batches[i].Seq > batches[i - 1].Seq);
            Assert.True(batches[i].Samples[0].EnergyMwh >= batches[i - 1].Samples[^1].EnergyMwh);
        }
    }

    [Fact]
    public void CommandWithABadSignatureIsIgnoredAndReported()
    {
        PlugHarness plug = new();
        plug.Run(5);
        using Key attacker = Key.Create(SignatureAlgorithm.Ed25519);
        long now = plug.Clock.UtcNowMs;
        plug.Broker.Deliver(plug.CommandTopic, plug.Command("forged-1", Server.DrAction.Curtail, now + 60_000, now + 600_000, attacker));
        byte[] tampered = plug.Command("tampered-1", Server.DrAction.Curtail, now + 60_000, now + 600_000);
        tampered[^1] ^= 0x01;
        plug.Broker.Deliver(plug.CommandTopic, tampered);
        plug.Run(15 * 60);

        Assert.Empty(plug.Relay.Switches);
        Assert.Equal(DrPhase.Idle, plug.Device.DrPhase);
        Server.DrReport[] reports = plug.DecodeReadings().SelectMany(b => b.DrReports).ToArray();
        Assert.Equal(2, reports.Length);
        Assert.All(reports, r => Assert.Equal(Server.DrOutcome.RejectedSignature, r.Outcome));
    }

    [Fact]
    public void ValidCommandCurtailsAndRestoresOnTimeAcrossAReboot()
    {
        PlugHarness plug = new(_ => 1_200_000); // an air conditioner
        plug.Run(5);
        long start = plug.Clock.UtcNowMs + 120_000;
        long end = start + 30 * 60_000;
        plug.Broker.Deliver(plug.CommandTopic, plug.Command("cmd-1", Server.DrAction.Curtail, start, end));
        plug.Run(10 * 60);
        Assert.False(plug.Relay.IsClosed);
        plug.Reboot(planned: false); // mid-event: the relay must stay open
        Assert.False(plug.Relay.IsClosed);
        plug.Run(30 * 60);
        Assert.True(plug.Relay.IsClosed);

        Assert.Equal(2, plug.Relay.Switches.Count);
        Assert.InRange(plug.Relay.Switches[0].AtMs - start, 0, 1000);
        Assert.False(plug.Relay.Switches[0].Closed);
        Assert.InRange(plug.Relay.Switches[1].AtMs - end, 0, 1000);
        Assert.True(plug.Relay.Switches[1].Closed);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Server.DrReport[] reports = batches.SelectMany(b => b.DrReports).ToArray();
        Assert.Equal(new[] { Server.DrOutcome.Scheduled, Server.DrOutcome.Curtailed, Server.DrOutcome.Restored }, reports.Select(r => r.Outcome));
        Assert.All(reports, r => Assert.Equal("cmd-1", r.CommandId));
        Assert.Contains(batches, b => Has(b, Server.ReadingFlags.Curtailed));
        Assert.All(batches.SelectMany(b => b.Samples).Where(s => s.TimestampMs > start + 10_000 && s.TimestampMs < end), s => Assert.Equal(0, s.PowerMw));

        // Redelivery of the same command is ignored, not reported twice.
        plug.Broker.Deliver(plug.CommandTopic, plug.Command("cmd-1", Server.DrAction.Curtail, end + 60_000, end + 120_000));
        plug.Run(5 * 60);
        Assert.Equal(3, plug.DecodeReadings().SelectMany(b => b.DrReports).Count());
    }

    [Fact]
    public void OwnerButtonEndsACurtailment()
    {
        PlugHarness plug = new();
        plug.Run(5);
        long start = plug.Clock.UtcNowMs + 30_000;
        plug.Broker.Deliver(plug.CommandTopic, plug.Command("cmd-b", Server.DrAction.Curtail, start, start + 3_600_000));
        plug.Run(120);
        Assert.False(plug.Relay.IsClosed);
        plug.Button.Press();
        plug.Run(120);
        Assert.True(plug.Relay.IsClosed);
        Assert.Contains(plug.DecodeReadings().SelectMany(b => b.DrReports), r => r.Outcome == Server.DrOutcome.OwnerOverride);
    }

    [Fact]
    public void NotOptedInPlugDeclines()
    {
        PlugHarness plug = new(optIn: false);
        plug.Run(5);
        long start = plug.Clock.UtcNowMs + 30_000;
        plug.Broker.Deliver(plug.CommandTopic, plug.Command("cmd-n", Server.DrAction.Curtail, start, start + 600_000));
        plug.Run(5 * 60);
        Assert.Empty(plug.Relay.Switches);
        Assert.Equal(Server.DrOutcome.DeclinedNotOptedIn, Assert.Single(plug.DecodeReadings().SelectMany(b => b.DrReports)).Outcome);
    }

    [Fact]
    public void WithoutClockSyncSamplesWaitForTheSeqFloor()
    {
        PlugHarness plug = new(synced: false);
        plug.Clock.UtcNowMs = 5_000; // an unset RTC starts near 1970
        plug.Run(3 * 60);
        Assert.Empty(plug.Broker.Readings);
        int held = plug.Device.HeldSamples;
        Assert.Equal(17, held); // 180 readings: the first starts the first 10-s interval
        plug.Clock.UtcNowMs = PlugHarness.Start;
        plug.Clock.IsSynced = true;
        plug.Run(2 * 60);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Assert.True(batches[0].Seq >= PlugHarness.Start);
        Assert.True(Has(batches[0], Server.ReadingFlags.ClockNotSynced));
        Assert.False(Has(batches[^1], Server.ReadingFlags.ClockNotSynced));
        // Nothing held back is lost: every sample from before the sync went out, flagged.
        Assert.True(batches.Where(b => Has(b, Server.ReadingFlags.ClockNotSynced)).Sum(b => b.Samples.Count) >= held);
    }

    [Fact]
    public void OfflineModeBuffersDaysAndDeliversEverythingInOrder()
    {
        PlugHarness plug = new(s => 60_000 + (int)(s / 1000 % 600) * 100); // a varying ~60 W load
        plug.Run(60);
        plug.Broker.GoDown();
        const int days = 3;
        plug.Run(days * 86_400);
        Assert.True(plug.Device.IsOfflineMode);
        int waiting = plug.Device.OutboxCount;
        long flashBytes = plug.Files.Names.Where(n => n.StartsWith("obseg", StringComparison.Ordinal)).Sum(n => (long)plug.Files.Raw(n).Length);

        plug.Broker.Up = true;
        plug.Run(600);
        Assert.False(plug.Device.IsOfflineMode);
        Assert.Equal(0, plug.Device.OutboxCount);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        Assert.DoesNotContain(batches, b => Has(b, Server.ReadingFlags.OutboxOverflow));
        Assert.Equal(batches[^1].Seq - batches[0].Seq + 1, batches.Count); // none missing
        Server.ReadingSample[] samples = batches.SelectMany(b => b.Samples).ToArray();
        Assert.All(samples.Zip(samples.Skip(1)), p => Assert.True(p.Second.TimestampMs > p.First.TimestampMs));
        Server.ReadingBatch offline = batches.First(b => b.Samples.Count == 30);
        Assert.Equal(60_000, offline.Samples[1].TimestampMs - offline.Samples[0].TimestampMs);
        Assert.All(batches, b => Assert.InRange(b.Samples.Count, 1, 80));
        Assert.True(samples[^1].TimestampMs - samples[0].TimestampMs >= days * 86_400_000L);

        // Capacity: what the 160 KB outbox holds once offline, measured from the stored offline batches.
        int offlineBatches = batches.Count(b => b.Samples.Count == 30);
        double storedPerOfflineBatch = plug.Broker.Readings.Where(m => m.Length > 600).Average(m => m.Length + 16.0);
        double storedPerOnlineBatch = plug.Broker.Readings.Where(m => m.Length < 600).Average(m => m.Length + 16.0);
        double capacityDays = (30.0 / 60 / 24) + (160 * 1024 - 30 * storedPerOnlineBatch) / storedPerOfflineBatch / 48;
        output.WriteLine($"{days} days offline: {waiting} batches waited ({offlineBatches} of 30 × 60 s samples), {flashBytes} bytes of outbox segments");
        output.WriteLine($"stored batch: online {storedPerOnlineBatch:F0} B, offline {storedPerOfflineBatch:F0} B → 160 KB outbox holds ≈ {capacityDays:F2} days before the first drop");
        Assert.True(capacityDays >= 3, $"capacity {capacityDays:F2} days");
    }

    [Fact]
    public void WhenEvenOfflineBufferingIsFullTheOldestAreDroppedAndReported()
    {
        PlugHarness plug = new(_ => 60_000);
        plug.Run(65); // one batch delivered before the outage, so the gap after it is visible
        plug.Broker.GoDown();
        plug.Run(5 * 86_400);
        plug.Broker.Up = true;
        plug.Run(900);
        Assert.Equal(0, plug.Device.OutboxCount);

        List<Server.ReadingBatch> batches = plug.DecodeReadings();
        List<Server.ReadingBatch> overflow = batches.Where(b => Has(b, Server.ReadingFlags.OutboxOverflow)).ToList();
        Assert.NotEmpty(overflow); // one per dropped 16 KB segment
        Assert.All(overflow, b => Assert.True(b.Dropped > 0));
        long dropped = overflow.Sum(b => b.Dropped);
        int gap = batches.Zip(batches.Skip(1)).Sum(p => (int)(p.Second.Seq - p.First.Seq - 1));
        Assert.Equal(dropped, gap); // every missing seq is accounted for by a dropped count
        long keptFrom = batches.Where(b => b.Seq > batches[0].Seq).Min(b => b.Samples[0].TimestampMs);
        output.WriteLine($"5 days offline: {dropped} oldest batches dropped, the newest {(plug.Clock.UtcNowMs - keptFrom) / 3_600_000.0:F1} h kept");
    }
}
