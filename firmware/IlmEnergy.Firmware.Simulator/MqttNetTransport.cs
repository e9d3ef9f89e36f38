using System.Buffers;
using IlmEnergy.Firmware.Device.Platform;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// <see cref="IMqttTransport"/> on MQTTnet 5: MQTT 5, client id = device id, persistent session (clean
/// start false), QoS 1, retained QoS 1 will. MQTTnet completes a QoS 1 publish when its PUBACK arrives
/// and does not expose the packet id, so this class hands out its own message ids and reports the
/// PUBACK through <see cref="IMqttEvents.OnPublishAcknowledged"/> from MQTTnet's thread, as the plug's
/// M2Mqtt client does. <see cref="Blocked"/> simulates losing the network.
/// </summary>
public sealed class MqttNetTransport : IMqttTransport, IDisposable
{
    private static readonly MqttClientFactory Factory = new();

    private readonly IMqttClient _client = Factory.CreateMqttClient();
    private readonly string _host;
    private readonly int _port;
    private readonly FleetStatistics _statistics;
    private IMqttEvents? _events;
    private int _lastId;
    private volatile bool _blocked;

    public MqttNetTransport(string host, int port, FleetStatistics statistics)
    {
        _host = host;
        _port = port;
        _statistics = statistics;
        _client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected)
            {
                _events?.OnConnectionLost();
            }

            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _events?.OnMessage(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected && !_blocked;

    /// <summary>While true the network is "down": the connection is cut and connects fail.</summary>
    public bool Blocked
    {
        get => _blocked;
        set
        {
            _blocked = value;
            if (value)
            {
                Crash();
            }
        }
    }

    public bool Connect(string clientId, string willTopic, byte[] willMessage, IMqttEvents events)
    {
        if (_blocked)
        {
            return false;
        }

        if (_client.IsConnected)
        {
            Disconnect(); // the device decided this session is over: start a clean connection
        }

        _events = events;
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(24 * 3600)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(willTopic)
            .WithWillPayload(willMessage)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            MqttClientConnectResult result = _client.ConnectAsync(options).GetAwaiter().GetResult();
            bool ok = result.ResultCode == MqttClientConnectResultCode.Success;
            _statistics.Connected(ok);
            return ok;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            _statistics.Connected(false);
            return false;
        }
    }

    public void Disconnect()
    {
        _events = null; // a deliberate disconnect is not a "connection lost" for whoever connects next
        try
        {
            if (_client.IsConnected)
            {
                _client.DisconnectAsync().GetAwaiter().GetResult();
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Gone already.
        }
    }

    /// <summary>Power cut or network loss: drop the connection so the broker publishes the will.</summary>
    public void Crash()
    {
        // The device that crashed is gone; its late "connection lost" must not reach the next boot's device.
        // (A plug that merely lost the network sees IsConnected turn false.)
        _events = null;
        try
        {
            if (_client.IsConnected)
            {
                _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build()).GetAwaiter().GetResult();
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Gone already.
        }
    }

    public ushort Publish(string topic, byte[] payload, bool retain)
    {
        if (!IsConnected)
        {
            return 0;
        }

        ushort id = NextId();
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        bool readings = topic.EndsWith("/readings", StringComparison.Ordinal);
        Task<MqttClientPublishResult> publish;
        try
        {
            publish = _client.PublishAsync(message);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            return 0;
        }

        _statistics.Published(readings);
        IMqttEvents? events = _events;
        publish.ContinueWith(done =>
        {
            // "No matching subscribers" is still the broker's PUBACK: it took the message.
            if (done.IsCompletedSuccessfully
                && done.Result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                _statistics.Acknowledged(readings);
                events?.OnPublishAcknowledged(id);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return id;
    }

    public bool Subscribe(string topic)
    {
        if (!IsConnected)
        {
            return false;
        }

        try
        {
            MqttClientSubscribeResult result = _client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            return result.Items.All(i => i.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Graceful disconnect for the end of a run (asynchronous, so a whole fleet can leave at once).</summary>
    public async Task DisconnectAsync()
    {
        _events = null;
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Gone already.
        }
    }

    public void Dispose() => _client.Dispose();

    private ushort NextId()
    {
        int id = Interlocked.Increment(ref _lastId) % 65535;
        return (ushort)(id + 1);
    }
}
