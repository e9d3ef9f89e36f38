using System.Collections.Concurrent;
using System.Text;
using IlmEnergy.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Storage.Tests;

/// <summary>The shared Mosquitto fixture works with MQTTnet 5 and keeps persistent sessions across a restart.</summary>
public sealed class MosquittoFixtureTests(MosquittoFixture broker) : IClassFixture<MosquittoFixture>
{
    private readonly MqttClientFactory factory = new();

    [Fact]
    public async Task Publish_and_subscribe_at_qos1_delivers_every_message()
    {
        const int count = 2000;   // beyond Mosquitto's default queue of 1000
        var topic = "test/" + Guid.NewGuid().ToString("N");
        var received = new ConcurrentDictionary<string, bool>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscriber = factory.CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TryAdd(Encoding.UTF8.GetString(e.ApplicationMessage.Payload), true);
            if (received.Count == count) all.TrySetResult();
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options("sub-" + Guid.NewGuid().ToString("N")[..8], cleanStart: true));
        await subscriber.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());

        using var publisher = factory.CreateMqttClient();
        await publisher.ConnectAsync(Options("pub-" + Guid.NewGuid().ToString("N")[..8], cleanStart: true));
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => publisher.PublishAsync(Message(topic, $"m{i}"))));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(count, received.Count);
    }

    [Fact]
    public async Task A_restart_keeps_a_persistent_session_and_its_queued_message()
    {
        var topic = "test/" + Guid.NewGuid().ToString("N");
        var clientId = "durable-" + Guid.NewGuid().ToString("N")[..8];
        using (var first = factory.CreateMqttClient())
        {
            // Clean start false from the first connection: Mosquitto 2.0 persists only such sessions to disk.
            await first.ConnectAsync(Options(clientId, cleanStart: false));
            await first.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
            // MQTT 5 DISCONNECT may override the session expiry; MQTTnet sends 0 unless told otherwise.
            await first.DisconnectAsync();
        }
        using (var publisher = factory.CreateMqttClient())
        {
            await publisher.ConnectAsync(Options("pub-" + Guid.NewGuid().ToString("N")[..8], cleanStart: true));
            await publisher.PublishAsync(Message(topic, "queued while offline"));
            await publisher.DisconnectAsync();
        }

        await broker.StopAsync();
        Assert.False(broker.IsRunning);
        await broker.StartAsync();

        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var again = factory.CreateMqttClient();
        again.ApplicationMessageReceivedAsync += e =>
        {
            delivered.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        var result = await again.ConnectAsync(Options(clientId, cleanStart: false));
        Assert.True(result.IsSessionPresent, "the session should survive the restart\n" + broker.RecentLog());
        Assert.Equal("queued while offline", await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private MqttClientOptions Options(string clientId, bool cleanStart) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval(3600)
            .Build();

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
