using System.Net;
using IlmEnergy.Ingestion.Pipeline;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace IlmEnergy.Ingester.Mqtt;

/// <summary>
/// An in-process MQTT broker (MQTTnet.Server) for single-node runs, started when no external broker
/// is configured. It keeps sessions in memory: fine for a pilot, not a replacement for mosquitto or
/// EMQX in production. It enforces the one ACL rule the protocol relies on: a client whose id is a
/// device id may publish only under its own topics.
/// </summary>
public sealed class EmbeddedBroker(IOptions<IngesterOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    private MqttServer? server;

    public bool IsEnabled => string.IsNullOrWhiteSpace(options.Value.Mqtt.Host);

    public bool IsRunning => server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled) return;
        var mqtt = options.Value.Mqtt;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(mqtt.EmbeddedBrokerBindAny ? IPAddress.Any : IPAddress.Loopback)
            .WithDefaultEndpointPort(mqtt.EmbeddedBrokerPort)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(100_000)
            .Build();
        server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.InterceptingPublishAsync += args =>
        {
            // Topic ACL: ilm/v1/dev/{id}/… may only be published by client {id} (or by the server's own clients).
            var topic = args.ApplicationMessage.Topic;
            if (TopicNames.DeviceIdOf(topic) is { } id && !topic.EndsWith(TopicNames.CommandSuffix, StringComparison.Ordinal))
            {
                if (LooksLikeDeviceId(args.ClientId) && args.ClientId != id)
                {
                    args.ProcessPublish = false;
                    logger.LogWarning("Refused publish by {ClientId} under {Topic}", args.ClientId, topic);
                }
            }
            return Task.CompletedTask;
        };
        await server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}",
            mqtt.EmbeddedBrokerBindAny ? "0.0.0.0" : "127.0.0.1", mqtt.EmbeddedBrokerPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is { IsStarted: true }) await server.StopAsync(new MqttServerStopOptions());
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            if (server.IsStarted) await server.StopAsync(new MqttServerStopOptions());
            server.Dispose();
        }
    }

    // Device client ids are Base58 public keys (32–44 characters); the ingester's own ids are not.
    private static bool LooksLikeDeviceId(string clientId) =>
        clientId.Length is >= 32 and <= 44 && IlmEnergy.Protocol.DeviceId.TryParse(clientId, out _);
}
