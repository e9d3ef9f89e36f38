using System.Diagnostics;
using IlmEnergy.Firmware.Simulator;
using IlmEnergy.Protocol;
using IlmEnergy.Testing;
using Xunit.Abstractions;

namespace IlmEnergy.Simulator.Tests;

/// <summary>
/// 1,000 simulated plugs (the real firmware device loop) against a real Mosquitto, with broker outages
/// and power cuts; a subscriber verifies every readings message with the server's decoder.
/// </summary>
public class FleetSimulatorTests(MosquittoFixture broker, ITestOutputHelper output) : IClassFixture<MosquittoFixture>
{
    [Fact]
    public async Task ThousandPlugsDeliverEverySignedBatchToTheBroker()
    {
        await using ReadingsCollector collector = await ReadingsCollector.StartAsync(broker.Host, broker.Port);
        StringWriter log = new();
        SimulatorOptions options = new()
        {
            BrokerHost = broker.Host,
            BrokerPort = broker.Port,
            Plugs = 1000,
            Speed = 600,
            Duration = TimeSpan.FromMinutes(12),
            OfflineFraction = 0.1,
            RebootEvery = TimeSpan.FromHours(2),
            OptInFraction = 0.5,
            DrainTimeout = TimeSpan.FromSeconds(30),
            ReportEvery = TimeSpan.FromSeconds(3),
            Seed = 11,
        };
        FleetSimulator simulator = new(options, log);
        Stopwatch clock = Stopwatch.StartNew();
        using CancellationTokenSource limit = new(TimeSpan.FromSeconds(150));
        FleetSummary summary = await simulator.RunAsync(limit.Token);

        // PUBACK means the broker has it; give it a moment to reach the subscriber.
        Stopwatch wait = Stopwatch.StartNew();
        while (collector.Messages.Count < summary.BatchesAcknowledged && wait.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(log.ToString());
        output.WriteLine($"{collector.Messages.Count} readings messages received in {seconds:F1} s = {collector.Messages.Count / seconds:F0} messages/s");

        Assert.True(summary.Drained, "every plug's outbox was delivered");
        Assert.True(summary.Reboots > 0 && summary.OfflinePeriods > 0);

        UplinkDecoder decoder = new();
        Dictionary<(DeviceId, long), byte[]> unique = [];
        foreach ((string topic, byte[] payload) in collector.Messages)
        {
            DecodeResult result = decoder.Decode(payload);
            Assert.True(result.IsAccepted, result.ToString());
            Assert.Equal("ilm/v1/dev/" + result.Signer + "/readings", topic);
            ReadingBatch batch = (ReadingBatch)result.Message;
            if (unique.TryGetValue((result.Signer, batch.Seq), out byte[]? earlier))
            {
                Assert.Equal(earlier, payload); // a resend is byte-identical, never a conflicting batch
            }

            unique[(result.Signer, batch.Seq)] = payload;
        }

        // None missing: every batch any plug signed (over all its boots) arrived, and only those.
        Assert.Equal(summary.BatchesQueued, unique.Count);
        Assert.Equal(options.Plugs, unique.Keys.Select(k => k.Item1).Distinct().Count());
        output.WriteLine($"{unique.Count} distinct batches from {options.Plugs} plugs, {collector.Messages.Count - unique.Count} harmless resends, all verified");
    }
}
