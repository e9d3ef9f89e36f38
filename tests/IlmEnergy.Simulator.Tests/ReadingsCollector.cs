using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Simulator.Tests;

/// <summary>A subscriber on every plug's readings topic (persistent QoS 1 session), keeping what arrives.</summary>
public sealed class ReadingsCollector : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public ConcurrentQueue<(string Topic, byte[] Payload)> Messages { get; } = new();

    public static async Task<ReadingsCollector> StartAsync(string host, int port)
    {
        ReadingsCollector collector = new();
        collector._client.ApplicationMessageReceivedAsync += args =>
        {
            collector.Messages.Enqueue((args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await collector._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("simulator-test-collector")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build());
        await collector._client.SubscribeAsync("ilm/v1/dev/+/readings", MqttQualityOfServiceLevel.AtLeastOnce);
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
