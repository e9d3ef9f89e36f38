using System.Buffers;
using IlmEnergy.Ingestion.Pipeline;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Ingester.Mqtt;

/// <summary>
/// Receives readings through an MQTT 5 shared subscription with a persistent session and hands
/// them to the pipeline without acknowledging; the pipeline acknowledges each message once it is
/// durably decided. Hellos register devices. Reconnects with capped, jittered backoff.
/// </summary>
public sealed class MqttIngestService(
    IOptions<IngesterOptions> options,
    IngestPipeline pipeline,
    DeviceEnrollment enrollment,
    TimeProvider time,
    ILogger<MqttIngestService> logger) : BackgroundService
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private const int SocketBufferBytes = 1 << 20;
    private const int ReadAheadBytes = 64 << 10;
    private long connectionGeneration;
    private volatile bool accepting = true;
    private bool useSharedSubscription = true;

    public bool IsConnected => client.IsConnected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mqtt = options.Value.Mqtt;
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var pipelineRun = pipeline.RunAsync(CancellationToken.None);

        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAndSubscribeAsync(mqtt, stoppingToken);
                    backoff = TimeSpan.FromMilliseconds(250);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                var delay = backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)backoff.TotalMilliseconds / 2 + 1));
                logger.LogWarning("MQTT connection to {Host}:{Port} failed ({Message}); retrying in {Delay}", BrokerHost(mqtt), BrokerPort(mqtt), exception.Message, delay);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { break; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        // Graceful shutdown: stop taking messages (those not taken are redelivered to the next
        // session), drain what was taken so its acknowledgements go out, then disconnect.
        accepting = false;
        pipeline.Complete();
        await pipelineRun;
        if (client.IsConnected)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None);
        logger.LogInformation("Ingest stopped: {Decided} messages decided", pipeline.Statistics.Decided);
    }

    private async Task ConnectAndSubscribeAsync(MqttOptions mqtt, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(BrokerHost(mqtt), BrokerPort(mqtt))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(mqtt.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)mqtt.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)mqtt.ReceiveMaximum)
            .WithKeepAlivePeriod(mqtt.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(mqtt.Username)) builder = builder.WithCredentials(mqtt.Username, mqtt.Password);

        Interlocked.Increment(ref connectionGeneration);
        var clientOptions = builder.Build();
        if (clientOptions.ChannelOptions is MqttClientTcpOptions tcp) tcp.StreamProvider = new TcpStreamProvider(SocketBufferBytes, ReadAheadBytes);
        var result = await client.ConnectAsync(clientOptions, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");

        // With a persistent session the broker remembers the subscriptions; subscribing again is harmless.
        // The embedded broker (always a single instance) has no shared subscriptions; a broker that
        // refuses them gets plain ones, which is right only for a single ingester, hence the warning.
        var shared = useSharedSubscription && !string.IsNullOrWhiteSpace(mqtt.Host);
        var refusal = await SubscribeAsync(mqtt, shared, cancellationToken);
        if (refusal == MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported)
        {
            logger.LogWarning("Broker {Host}:{Port} does not support shared subscriptions; subscribing directly. Run only ONE ingester against this broker.",
                BrokerHost(mqtt), BrokerPort(mqtt));
            useSharedSubscription = false;
            shared = false;
            refusal = await SubscribeAsync(mqtt, shared, cancellationToken);
        }
        if (refusal is { } code)
            throw new InvalidOperationException($"subscription refused: {code}");
        logger.LogInformation("Connected to MQTT {Host}:{Port} as {ClientId} (session present: {SessionPresent}), {Subscription}",
            BrokerHost(mqtt), BrokerPort(mqtt), mqtt.ClientId, result.IsSessionPresent, shared ? $"shared group {mqtt.SharedGroup}" : "direct subscription");
    }

    /// <summary>Subscribes to readings and hellos; returns the first refusal code, or null when both were granted.</summary>
    private async Task<MqttClientSubscribeResultCode?> SubscribeAsync(MqttOptions mqtt, bool shared, CancellationToken cancellationToken)
    {
        var prefix = shared ? $"$share/{mqtt.SharedGroup}/" : "";
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(prefix + TopicNames.ReadingsFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic(prefix + TopicNames.HelloFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        var subscribed = await client.SubscribeAsync(subscribe, cancellationToken);
        foreach (var item in subscribed.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2) return item.ResultCode;
        }
        return null;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        // Never let MQTTnet acknowledge on its own: only a durable decision acknowledges.
        args.AutoAcknowledge = false;
        if (!accepting) return;
        var topic = args.ApplicationMessage.Topic;
        var payload = args.ApplicationMessage.Payload.ToArray();
        var receivedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var generation = Interlocked.Read(ref connectionGeneration);

        // A PUBACK belongs to the connection that delivered the message; after a reconnect the broker
        // redelivers unacknowledged messages and those copies are acknowledged instead.
        Task Acknowledge(CancellationToken ct) =>
            Interlocked.Read(ref connectionGeneration) == generation && client.IsConnected ? args.AcknowledgeAsync(ct) : Task.CompletedTask;

        if (topic.EndsWith(TopicNames.HelloSuffix, StringComparison.Ordinal))
        {
            await enrollment.OnHelloAsync(topic, payload, receivedMs, CancellationToken.None);
            await Acknowledge(CancellationToken.None);
            return;
        }
        await pipeline.SubmitAsync(new InboundMessage(topic, payload, receivedMs, Acknowledge), CancellationToken.None);
    }

    private static string BrokerHost(MqttOptions mqtt) => string.IsNullOrWhiteSpace(mqtt.Host) ? "127.0.0.1" : mqtt.Host;

    private static int BrokerPort(MqttOptions mqtt) => string.IsNullOrWhiteSpace(mqtt.Host) ? mqtt.EmbeddedBrokerPort : mqtt.Port;

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }
}
