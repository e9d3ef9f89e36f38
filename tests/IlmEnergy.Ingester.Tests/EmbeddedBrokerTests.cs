using IlmEnergy.Benchmarks.Ingest;
using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Registry;
using IlmEnergy.Storage.Sqlite;
using IlmEnergy.Testing;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Ingester.Tests;

/// <summary>
/// The ingester on its embedded defaults (MQTTnet broker in-process, SQLite storage), as the README's
/// main command runs it: a plug's PUBACK means its message is already durable, because the embedded
/// broker keeps its sessions in memory only.
/// </summary>
public sealed class EmbeddedBrokerTests : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("ilm-embedded-test-").FullName;
    private readonly int brokerPort = FreePort.Next();
    private IngesterProcess? ingester;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartIngesterAsync()
    {
        ingester = await IngesterProcess.StartAsync(new IngesterSettings(brokerPort, "http://127.0.0.1:1", dataDirectory, Extra: new Dictionary<string, string>
        {
            ["Ingester__Mqtt__Host"] = "",
            ["Ingester__Mqtt__EmbeddedBrokerPort"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingester__Storage__Kind"] = "Sqlite",
        }), FreePort.Next());
    }

    private SqliteDeviceRegistry Registry() => new(Path.Combine(dataDirectory, "registry.db"));

    [Fact]
    public async Task A_plug_is_acknowledged_only_once_its_batch_is_archived_and_stored()
    {
        using var plug = new VirtualPlug();
        await Registry().RegisterAsync(plug.DeviceId, plug.PublicKey, plug.Board, DeviceStatus.Active, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await StartIngesterAsync();
        using var archive = new SqliteMessageArchive(Path.Combine(dataDirectory, "archive.db"));
        await using var readings = new SqliteReadingStore(Path.Combine(dataDirectory, "readings.db"));
        await using var publisher = await PlugPublisher.ConnectAsync("127.0.0.1", brokerPort, plug.DeviceId);
        var originMs = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();

        for (var seq = 1; seq <= 20; seq++)
        {
            var message = plug.SignedStreamBatch(seq, originMs);
            await publisher.PublishAsync(plug.ReadingsTopic, message); // returns on the PUBACK

            // Already durable when the plug may delete it from its flash.
            Assert.Equal(message, await archive.FindMessageAsync(plug.DeviceId, seq));
            var batch = plug.StreamBatch(seq, originMs);
            var stored = await readings.ReadAsync(plug.DeviceId, batch.Samples[0].TimestampMs, batch.Samples[^1].TimestampMs + 1);
            Assert.Equal(batch.Samples.Select(s => (s.TimestampMs, s.EnergyMwh)), stored.Select(p => (p.TimestampMs, p.EnergyMilliWattHours)));
        }
        Assert.Equal(0, publisher.Resends);
        var stats = await ingester!.GetStatsAsync();
        Assert.Equal((20, 20, 0), (stats.Received, stats.Stored, stats.Quarantined));
    }

    [Fact]
    public async Task A_hello_is_acknowledged_once_the_device_is_enrolled()
    {
        using var plug = new VirtualPlug();
        await StartIngesterAsync();
        await using var publisher = await PlugPublisher.ConnectAsync("127.0.0.1", brokerPort, plug.DeviceId);

        await publisher.PublishAsync(plug.HelloTopic, plug.SignedHello(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1));

        var record = await Registry().FindAsync(plug.DeviceId);
        Assert.NotNull(record);
        Assert.Equal(DeviceStatus.Pending, record.Status); // AutoActivate is off by default
        Assert.Equal(plug.Board, record.Board);
    }

    [Fact]
    public async Task A_device_may_not_publish_under_another_device_and_nothing_is_taken()
    {
        using var victim = new VirtualPlug();
        using var intruder = new VirtualPlug();
        await Registry().RegisterAsync(victim.DeviceId, victim.PublicKey, victim.Board, DeviceStatus.Active, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await StartIngesterAsync();
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort)
            .WithClientId(intruder.DeviceId).WithProtocolVersion(MqttProtocolVersion.V500).Build());

        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(victim.ReadingsTopic)
            .WithPayload(victim.SignedStreamBatch(1, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds()))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        var stats = await ingester!.GetStatsAsync();
        Assert.Equal(0, stats.Received);
    }

    public async Task DisposeAsync()
    {
        if (ingester is not null) await ingester.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
