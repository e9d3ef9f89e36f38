using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>
/// In-memory MQTT transport with a switchable broker. Records every publish; acknowledges automatically
/// (the PUBACK reaches the device through its event queue, like a real client thread) unless
/// <see cref="AutoAck"/> is off, in which case the test calls <see cref="AckAll"/>.
/// </summary>
public sealed class FakeBroker : IMqttTransport
{
    private readonly List<ushort> _unacked = [];
    private IMqttEvents? _events;
    private ushort _lastId;

    public sealed record Published(string Topic, byte[] Payload, bool Retain, ushort MessageId);

    /// <summary>The broker accepts connections.</summary>
    public bool Up { get; set; } = true;

    public bool AutoAck { get; set; } = true;

    public bool IsConnected { get; private set; }

    public List<Published> Messages { get; } = [];

    public List<string> Subscriptions { get; } = [];

    public int ConnectAttempts { get; private set; }

    public (string ClientId, string WillTopic, string WillMessage)? LastConnect { get; private set; }

    /// <summary>Most unacknowledged readings publishes seen at once.</summary>
    public int MaxReadingsInFlight { get; private set; }

    public IEnumerable<byte[]> Readings => Messages.Where(m => m.Topic.EndsWith("/readings", StringComparison.Ordinal)).Select(m => m.Payload);

    public bool Connect(string clientId, string willTopic, byte[] willMessage, IMqttEvents events)
    {
        ConnectAttempts++;
        if (!Up)
        {
            return false;
        }

        _events = events;
        IsConnected = true;
        _unacked.Clear();
        LastConnect = (clientId, willTopic, System.Text.Encoding.UTF8.GetString(willMessage));
        return true;
    }

    public void Disconnect() => IsConnected = false;

    public ushort Publish(string topic, byte[] payload, bool retain)
    {
        if (!IsConnected)
        {
            return 0;
        }

        _lastId = (ushort)(_lastId == ushort.MaxValue ? 1 : _lastId + 1);
        Messages.Add(new Published(topic, payload, retain, _lastId));
        if (AutoAck)
        {
            _events!.OnPublishAcknowledged(_lastId);
        }
        else
        {
            _unacked.Add(_lastId);
            int inFlight = Messages.Count(m => _unacked.Contains(m.MessageId) && m.Topic.EndsWith("/readings", StringComparison.Ordinal));
            MaxReadingsInFlight = Math.Max(MaxReadingsInFlight, inFlight);
        }

        return _lastId;
    }

    public bool Subscribe(string topic)
    {
        if (!IsConnected)
        {
            return false;
        }

        Subscriptions.Add(topic);
        return true;
    }

    /// <summary>Sends the PUBACKs held back while <see cref="AutoAck"/> is off.</summary>
    public void AckAll()
    {
        foreach (ushort id in _unacked)
        {
            _events!.OnPublishAcknowledged(id);
        }

        _unacked.Clear();
    }

    /// <summary>The broker goes away: the connection drops and further connects fail.</summary>
    public void GoDown()
    {
        Up = false;
        if (IsConnected)
        {
            IsConnected = false;
            _unacked.Clear();
            _events?.OnConnectionLost();
        }
    }

    /// <summary>A message on a topic the device subscribed to.</summary>
    public void Deliver(string topic, byte[] payload) => _events!.OnMessage(topic, payload);
}
