using System.Net;
using System.Reflection;
using System.Text.Json;
using IlmEnergy.Benchmarks.Ingest;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;

namespace IlmEnergy.Ingester.Tests;

/// <summary>The real ingester between a real mosquitto and a real InfluxDB: what arrives where.</summary>
public sealed class IngestIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Signed_batches_arrive_as_the_documented_points()
    {
        await using var bed = await IngestTestBed.StartAsync();
        var plugs = new[] { new VirtualPlug(), new VirtualPlug("athom-plug-v3") };
        foreach (var plug in plugs) await bed.RegisterAsync(plug);
        var ingester = await bed.StartIngesterAsync();
        var originMs = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        const int batches = 10;

        foreach (var plug in plugs)
        {
            var publisher = await bed.PublisherAsync(plug.DeviceId);
            for (var seq = 1; seq <= batches; seq++) await publisher.PublishAsync(plug.ReadingsTopic, plug.SignedStreamBatch(seq, originMs));
        }
        await bed.WaitUntilAsync(async () => await bed.Query.CountReadingsAsync() >= plugs.Length * batches * VirtualPlug.SamplesPerBatch,
            Timeout, async () => $"{await bed.Query.CountReadingsAsync()} points");

        // docs/storage.md: measurement "reading", tags device and board, integer fields, relay boolean, time in ms.
        foreach (var plug in plugs)
        {
            var rows = await bed.Query.SelectAsync($"SELECT * FROM reading WHERE device = {InfluxQuery.Literal(plug.DeviceId)} ORDER BY time ASC");
            var expected = Enumerable.Range(1, batches).SelectMany(seq => plug.StreamBatch(seq, originMs).Samples.Select(s => (Seq: seq, Sample: s))).ToList();
            Assert.Equal(expected.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var (seq, sample) = expected[i];
                var row = rows[i];
                Assert.Equal(sample.TimestampMs, row["time"].GetInt64());
                Assert.Equal(plug.DeviceId, row["device"].GetString());
                Assert.Equal(plug.Board, row["board"].GetString());
                Assert.Equal(sample.EnergyMwh, row["e_mwh"].GetInt64());
                Assert.Equal(sample.PowerMw, row["p_mw"].GetInt64());
                Assert.Equal(sample.VoltageMv, row["v_mv"].GetInt64());
                Assert.Equal(sample.CurrentMa, row["i_ma"].GetInt64());
                Assert.Equal(sample.RelayClosed, row["relay"].GetBoolean());
                Assert.Equal(seq, row["seq"].GetInt64());
                Assert.Equal(0, row["flags"].GetInt64());
            }
        }
        // Integer fields really are integers (an "i" suffix in line protocol), not floats.
        var types = await bed.Query.SelectAsync("SHOW FIELD KEYS FROM reading");
        Assert.Equal(
            new[] { "e_mwh:integer", "flags:integer", "i_ma:integer", "p_mw:integer", "relay:boolean", "seq:integer", "v_mv:integer" },
            types.Select(t => $"{t["fieldKey"].GetString()}:{t["fieldType"].GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal(plugs.Length * batches, await bed.AcceptedAsync());
        var stats = await ingester.GetStatsAsync();
        Assert.Equal(plugs.Length * batches, stats.Stored);
        Assert.Equal(0, stats.Quarantined);
        foreach (var plug in plugs) plug.Dispose();
    }

    [Fact]
    public async Task Every_reason_code_is_produced_by_a_crafted_message()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var plug = new VirtualPlug();         // active: most crafted batches
        using var other = new VirtualPlug();        // active: its topic is misused
        using var unknown = new VirtualPlug();      // never registered
        using var suspended = new VirtualPlug();    // registered, suspended
        using var history = new VirtualPlug();      // active, with stored batches the crafted ones contradict
        await bed.RegisterAsync(plug);
        await bed.RegisterAsync(other);
        await bed.RegisterAsync(history);
        await bed.RegisterAsync(suspended, DeviceStatus.Suspended);
        var ingester = await bed.StartIngesterAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var recent = now - 3_600_000;

        // Valid history first: seq 1 and 2 of the "history" plug.
        var historyPublisher = await bed.PublisherAsync(history.DeviceId);
        await historyPublisher.PublishAsync(history.ReadingsTopic, history.Sign(history.Batch(1, recent, 1_000_000)));
        await historyPublisher.PublishAsync(history.ReadingsTopic, history.Sign(history.Batch(2, recent + 60_000, 1_002_000)));
        await bed.WaitUntilAsync(async () => await bed.AcceptedAsync() == 2, Timeout, async () => $"archived {await bed.AcceptedAsync()}");

        var vectors = InvalidVectors();
        var crafted = new List<(RejectReason Reason, string Topic, byte[] Message)>
        {
            // Decode and verify (§2, §3): the shared vectors, each on its signer's topic.
            (RejectReason.MessageTooLarge, vectors["oversized"].Topic, vectors["oversized"].Message),
            (RejectReason.MalformedCbor, vectors["truncated"].Topic, vectors["truncated"].Message),
            (RejectReason.NotCoseSign1, vectors["untagged"].Topic, vectors["untagged"].Message),
            (RejectReason.UnsupportedAlgorithm, vectors["wrong-alg"].Topic, vectors["wrong-alg"].Message),
            (RejectReason.BadKeyId, vectors["kid-31-bytes"].Topic, vectors["kid-31-bytes"].Message),
            (RejectReason.BadSignature, vectors["flipped-signature-bit"].Topic, vectors["flipped-signature-bit"].Message),
            (RejectReason.SchemaViolation, vectors["unknown-payload-key"].Topic, vectors["unknown-payload-key"].Message),
            (RejectReason.UnsupportedVersion, vectors["version-2"].Topic, vectors["version-2"].Message),
            (RejectReason.LimitExceeded, vectors["samples-121"].Topic, vectors["samples-121"].Message),
            (RejectReason.UnexpectedKind, plug.ReadingsTopic, plug.SignedHello(now, 10)),
            // Validation (§5).
            (RejectReason.UnknownDevice, unknown.ReadingsTopic, unknown.Sign(unknown.Batch(1, recent, 1_000_000))),
            (RejectReason.DeviceSuspended, suspended.ReadingsTopic, suspended.Sign(suspended.Batch(1, recent, 1_000_000))),
            (RejectReason.TopicKeyMismatch, other.ReadingsTopic, plug.Sign(plug.Batch(1, recent, 1_000_000))),
            (RejectReason.DuplicateConflict, history.ReadingsTopic, history.Sign(history.Batch(2, recent + 60_000, 1_002_001))),
            (RejectReason.TimestampInFuture, plug.ReadingsTopic, plug.Sign(plug.Batch(2, now + 600_000, 1_000_000))),
            (RejectReason.TimestampTooOld, plug.ReadingsTopic, plug.Sign(plug.Batch(3, now - 15L * 86_400_000, 1_000_000))),
            (RejectReason.EnergyDecreased, history.ReadingsTopic, history.Sign(history.Batch(3, recent + 120_000, 500_000))),
            (RejectReason.PowerAboveRating, plug.ReadingsTopic, plug.Sign(plug.Batch(4, recent, 1_000_000, powerMw: 4_000_000))),
            (RejectReason.ElectricallyInconsistent, plug.ReadingsTopic, plug.Sign(plug.Batch(5, recent, 1_000_000, currentMa: 100))),
            (RejectReason.EnergyPowerMismatch, plug.ReadingsTopic, plug.Sign(plug.Batch(6, recent, 1_000_000, energyStepMwh: 0))),
        };
        Assert.Equal(Enum.GetValues<RejectReason>().Order(), crafted.Select(c => c.Reason).Order());

        var publisher = await bed.PublisherAsync("crafter");
        foreach (var (_, topic, message) in crafted) await publisher.PublishAsync(topic, message);
        await bed.WaitUntilAsync(async () => (await bed.QuarantinedAsync()).Values.Sum() >= crafted.Count, Timeout,
            async () => string.Join(", ", (await bed.QuarantinedAsync()).Select(q => $"{q.Key}: {q.Value}")));
        await Task.Delay(500);

        var quarantined = await bed.QuarantinedAsync();
        foreach (var reason in Enum.GetValues<RejectReason>())
            Assert.True(quarantined.GetValueOrDefault((int)reason) == 1, $"{(int)reason} {reason}: {quarantined.GetValueOrDefault((int)reason)} quarantined");
        Assert.Equal(crafted.Count, quarantined.Values.Sum());
        Assert.Equal(2, await bed.AcceptedAsync());
        var stats = await ingester.GetStatsAsync();
        Assert.Equal(crafted.Count, stats.Quarantined);
        Assert.Equal(Enum.GetValues<RejectReason>().Select(r => $"{(int)r} {r}").Order(), stats.RejectedByReason.Keys.Order());
        Assert.All(stats.RejectedByReason.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Garbage_and_oversized_payloads_leave_the_service_running()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var plug = new VirtualPlug();
        await bed.RegisterAsync(plug);
        var ingester = await bed.StartIngesterAsync();
        var random = new Random(20261124);
        byte[] RandomBytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        var garbage = new List<(string Topic, byte[] Payload)>
        {
            (plug.ReadingsTopic, []),
            (plug.ReadingsTopic, RandomBytes(1)),
            (plug.ReadingsTopic, RandomBytes(300)),
            (plug.ReadingsTopic, RandomBytes(4096)),
            (plug.ReadingsTopic, RandomBytes(64 * 1024)),
            (plug.ReadingsTopic, RandomBytes(1024 * 1024)),
            (plug.ReadingsTopic, Enumerable.Repeat((byte)0x81, 4000).Append((byte)0x00).ToArray()),        // 4,000 nested arrays
            (plug.ReadingsTopic, [0xD2, 0x9F, 0x9F, 0x9F, 0x9F, 0x9F, 0x9F, 0x9F]),                        // indefinite arrays, unterminated
            (plug.ReadingsTopic, [0xD2, 0x84, 0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),      // a byte string claiming 2^64 bytes
            (plug.ReadingsTopic, "{\"seq\":1,\"p\":100}"u8.ToArray()),
            ("ilm/v1/dev/not-a-device-id/readings", RandomBytes(200)),
            (plug.HelloTopic, RandomBytes(200)),
        };
        var publisher = await bed.PublisherAsync(plug.DeviceId);
        foreach (var (topic, payload) in garbage) await publisher.PublishAsync(topic, payload);
        await publisher.PublishAsync(plug.ReadingsTopic, plug.SignedStreamBatch(1, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds()));

        await bed.WaitUntilAsync(async () => await bed.AcceptedAsync() == 1 && (await bed.QuarantinedAsync()).Values.Sum() >= garbage.Count
            && await bed.Query.CountReadingsAsync() == VirtualPlug.SamplesPerBatch, Timeout,
            async () => $"archived {await bed.AcceptedAsync()}, quarantined {(await bed.QuarantinedAsync()).Values.Sum()} of {garbage.Count}");
        Assert.False(ingester.HasExited);
        Assert.Equal(HttpStatusCode.OK, await ingester.GetStatusAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, await ingester.GetStatusAsync("/readyz"));
        var quarantined = await bed.QuarantinedAsync();
        Assert.Equal(garbage.Count, quarantined.Values.Sum());
        Assert.Equal(2, quarantined[(int)RejectReason.MessageTooLarge]); // 64 KiB and 1 MiB
        Assert.All(quarantined.Keys, code => Assert.InRange(code, 100, 109));
        Assert.Equal(VirtualPlug.SamplesPerBatch, await bed.Query.CountReadingsAsync());
    }

    [Fact]
    public async Task A_resent_message_is_archived_or_quarantined_once()
    {
        await using var bed = await IngestTestBed.StartAsync();
        using var plug = new VirtualPlug();
        await bed.RegisterAsync(plug);
        var ingester = await bed.StartIngesterAsync();
        var valid = plug.SignedStreamBatch(1, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());
        var invalid = (byte[])valid.Clone();
        invalid[^1] ^= 0x01;

        // A plug that missed the PUBACKs sends the same bytes again, some in the same commit, some later.
        var publisher = await bed.PublisherAsync(plug.DeviceId);
        foreach (var message in new[] { valid, invalid, valid, invalid }) await publisher.PublishAsync(plug.ReadingsTopic, message);
        await bed.WaitUntilAsync(async () => (await ingester.GetStatsAsync()).InFlight == 0 && (await ingester.GetStatsAsync()).Received == 4, Timeout, async () => $"{await ingester.GetStatsAsync()}");
        foreach (var message in new[] { valid, invalid }) await publisher.PublishAsync(plug.ReadingsTopic, message);
        await bed.WaitUntilAsync(async () => (await ingester.GetStatsAsync()).Received == 6 && (await ingester.GetStatsAsync()).InFlight == 0
            && await bed.Query.CountReadingsAsync() == VirtualPlug.SamplesPerBatch, Timeout, async () => $"{await ingester.GetStatsAsync()}");

        Assert.Equal(1, await bed.AcceptedAsync());
        Assert.Equal(new Dictionary<int, long> { [(int)RejectReason.BadSignature] = 1 }, await bed.QuarantinedAsync());
        var stats = await ingester.GetStatsAsync();
        Assert.Equal(1, stats.Stored);
        Assert.Equal(2, stats.Duplicates);
        Assert.Equal(1, stats.RejectedByReason["105 BadSignature"]);
    }

    private static Dictionary<string, (string Topic, byte[] Message)> InvalidVectors()
    {
        var root = typeof(IngestIntegrationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "vectors", "uplink-v1.json")));
        return document.RootElement.GetProperty("invalid").EnumerateArray().ToDictionary(
            v => v.GetProperty("name").GetString()!,
            v => ($"ilm/v1/dev/{v.GetProperty("deviceId").GetString()}/readings", Convert.FromHexString(v.GetProperty("messageHex").GetString()!)));
    }
}
