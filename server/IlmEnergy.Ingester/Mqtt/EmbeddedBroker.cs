using System.Buffers;
using System.Net;
using IlmEnergy.Ingestion.Pipeline;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace IlmEnergy.Ingester.Mqtt;

/// <summary>
/// An in-process MQTT broker (MQTTnet.Server) for single-node runs, started when no external broker
/// is configured: fine for a pilot, not a replacement for mosquitto or EMQX in production.
/// <list type="bullet">
/// <item>Readings and hellos do not pass through a subscription: the broker hands them to
/// <see cref="MessageIntake"/> and answers the plug's PUBACK only once the message's fate is durable.
/// Its sessions live in memory, so anything it acknowledged before that would be lost with the process;
/// this way a plug deletes a batch from its flash only when the ingester has it, and nothing published
/// before the ingester was ready is dropped for want of a subscriber.</item>
/// <item>It enforces the one ACL rule the protocol relies on: a client whose id is a device id may
/// publish only under its own topics.</item>
/// </list>
/// </summary>
public sealed class EmbeddedBroker(IOptions<IngesterOptions> options, MessageIntake intake, TimeProvider time, ILogger<EmbeddedBroker> logger)
    : IHostedService, IAsyncDisposable
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
        server.InterceptingPublishAsync += OnPublishAsync;
        await server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}",
            mqtt.EmbeddedBrokerBindAny ? "0.0.0.0" : "127.0.0.1", mqtt.EmbeddedBrokerPort);
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs args)
    {
        // Topic ACL: ilm/v1/dev/{id}/… may only be published by client {id} (or by the server's own clients).
        var topic = args.ApplicationMessage.Topic;
        if (TopicNames.DeviceIdOf(topic) is { } id && !topic.EndsWith(TopicNames.CommandSuffix, StringComparison.Ordinal)
            && LooksLikeDeviceId(args.ClientId) && args.ClientId != id)
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            logger.LogWarning("Refused publish by {ClientId} under {Topic}", args.ClientId, topic);
            return;
        }
        if (!MessageIntake.Takes(topic)) return; // commands and the rest are routed as usual

        // MQTTnet sends this publisher's PUBACK after this handler returns: wait for the durable decision.
        args.ProcessPublish = false;
        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = await intake.AcceptAsync(topic, args.ApplicationMessage.Payload.ToArray(), time.GetUtcNow().ToUnixTimeMilliseconds(), _ =>
        {
            decided.TrySetResult();
            return Task.CompletedTask;
        });
        if (!taken)
        {
            // Shutting down: no PUBACK, so the plug keeps the batch and sends it again after reconnecting.
            args.CloseConnection = true;
            return;
        }
        await decided.Task;
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
