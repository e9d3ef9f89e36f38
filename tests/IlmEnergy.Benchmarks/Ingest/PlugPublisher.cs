using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// One MQTT 5 connection that publishes at QoS 1 the way a plug's outbox does (docs/protocol.md §4):
/// a message counts as sent only once the broker has acknowledged it to a subscriber's session, and
/// until then it is sent again, reconnecting first if the broker went away. Resends are byte-identical,
/// so the ingester sees them as harmless duplicates. Safe to call from many tasks at once.
/// </summary>
public sealed class PlugPublisher : IAsyncDisposable
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions options;
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private long resends;

    private PlugPublisher(string host, int port, string clientId)
    {
        options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        // Larger than MQTTnet's 8 KiB default socket buffers, which stall loopback TCP under load (see MqttIngestService).
        if (options.ChannelOptions is MqttClientTcpOptions tcp) tcp.BufferSize = 1 << 20;
    }

    public string ClientId => options.ClientId;

    /// <summary>Publishes that had to be sent again (broker away, no subscriber yet, timeout).</summary>
    public long Resends => Interlocked.Read(ref resends);

    public static async Task<PlugPublisher> ConnectAsync(string host, int port, string clientId, CancellationToken cancellationToken = default)
    {
        var publisher = new PlugPublisher(host, port, clientId);
        await publisher.EnsureConnectedAsync(cancellationToken);
        return publisher;
    }

    /// <summary>Publishes at QoS 1 and returns once the broker acknowledged it with success; retries until then.</summary>
    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken = default)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await EnsureConnectedAsync(cancellationToken);
                var result = await client.PublishAsync(message, cancellationToken);
                // "No matching subscribers" means the broker dropped it: the ingester has not subscribed yet.
                if (result.ReasonCode == MqttClientPublishReasonCode.Success) return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The broker went away or timed out: reconnect and send the same bytes again.
            }
            Interlocked.Increment(ref resends);
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected) return;
        await connectLock.WaitAsync(cancellationToken);
        try
        {
            if (!client.IsConnected) await client.ConnectAsync(options, cancellationToken);
        }
        finally
        {
            connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync();
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Gone already.
        }
        client.Dispose();
        connectLock.Dispose();
    }
}
