using System.Buffers;
using IlmEnergy.Ingestion.Pipeline;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Ingester.Mqtt;

/// <summary>
/// Runs the pipeline and feeds it. With an external broker: receives readings and hellos through an
/// MQTT 5 shared subscription with a persistent session, without acknowledging; the pipeline
/// acknowledges each message once it is durably decided. Reconnects with capped, jittered backoff.
/// With the embedded broker, messages come to <see cref="MessageIntake"/> from the broker itself and
/// this service only runs the pipeline.
/// </summary>
public sealed class MqttIngestService(
    IOptions<IngesterOptions> options,
    IngestPipeline pipeline,
    MessageIntake intake,
    EmbeddedBroker embeddedBroker,
    TimeProvider time,
    ILogger<MqttIngestService> logger) : BackgroundService
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private const int SocketBufferBytes = 1 << 20;
    private const int ReadAheadBytes = 64 << 10;
    private long connectionGeneration;
    private bool useSharedSubscription = true;

    /// <summary>True while messages can arrive: subscribed to the external broker, or the embedded broker runs.</summary>
    public bool IsReceiving => embeddedBroker.IsEnabled ? embeddedBroker.IsRunning : client.IsConnected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipelineRun = pipeline.RunAsync(CancellationToken.None);
        if (embeddedBroker.IsEnabled)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
        else
        {
            client.ApplicationMessageReceivedAsync += OnMessageAsync;
            await ReceiveFromExternalBrokerAsync(options.Value.Mqtt, stoppingToken);
        }

        // Graceful shutdown: stop taking messages (those not taken are redelivered to the next
        // session, or stay with the plugs), drain what was taken so its acknowledgements go out,
        // then disconnect.
        intake.StopAccepting();
        pipeline.Complete();
        await pipelineRun;
        if (client.IsConnected)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None);
        logger.LogInformation("Ingest stopped: {Decided} messages decided", pipeline.Statistics.Decided);
    }

    private async Task ReceiveFromExternalBrokerAsync(MqttOptions mqtt, CancellationToken stoppingToken)
    {
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
                logger.LogWarning("MQTT connection to {Host}:{Port} failed ({Message}); retrying in {Delay}", mqtt.Host, mqtt.Port, exception.Message, delay);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { break; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task ConnectAndSubscribeAsync(MqttOptions mqtt, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host!, mqtt.Port)
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
        // A broker that refuses shared subscriptions gets plain ones, which is right only for a single
        // ingester, hence the warning.
        var shared = useSharedSubscription;
        var refusal = await SubscribeAsync(mqtt, shared, cancellationToken);
        if (refusal == MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported)
        {
            logger.LogWarning("Broker {Host}:{Port} does not support shared subscriptions; subscribing directly. Run only ONE ingester against this broker.",
                mqtt.Host, mqtt.Port);
            useSharedSubscription = false;
            shared = false;
            refusal = await SubscribeAsync(mqtt, shared, cancellationToken);
        }
        if (refusal is { } code)
            throw new InvalidOperationException($"subscription refused: {code}");
        logger.LogInformation("Connected to MQTT {Host}:{Port} as {ClientId} (session present: {SessionPresent}), {Subscription}",
            mqtt.Host, mqtt.Port, mqtt.ClientId, result.IsSessionPresent, shared ? $"shared group {mqtt.SharedGroup}" : "direct subscription");
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
        var generation = Interlocked.Read(ref connectionGeneration);

        // A PUBACK belongs to the connection that delivered the message; after a reconnect the broker
        // redelivers unacknowledged messages and those copies are acknowledged instead.
        Task Acknowledge(CancellationToken ct) =>
            Interlocked.Read(ref connectionGeneration) == generation && client.IsConnected ? args.AcknowledgeAsync(ct) : Task.CompletedTask;

        // Not taken (shutting down): left unacknowledged, the broker delivers it to the next session.
        await intake.AcceptAsync(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.ToArray(),
            time.GetUtcNow().ToUnixTimeMilliseconds(), Acknowledge);
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }
}
