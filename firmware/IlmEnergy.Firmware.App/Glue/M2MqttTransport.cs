using System;
using System.Text;
using IlmEnergy.Firmware.Device.Platform;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// IMqttTransport over nanoFramework.M2Mqtt (MQTT 3.1.1, plain TCP). Every Connect builds a fresh
    /// MqttClient: a client whose socket died is not reliably reusable. An old client's handlers are
    /// detached before it is dropped, so only the live client reports. Its events arrive on M2Mqtt's own
    /// threads and are handed straight to <see cref="IMqttEvents"/>, which only enqueues.
    /// </summary>
    public sealed class M2MqttTransport : IMqttTransport
    {
        private const ushort KeepAliveSeconds = 60;

        private readonly string _host;
        private readonly int _port;
        private readonly ILog _log;
        private readonly object _gate = new object();
        private MqttClient _client;
        private IMqttEvents _events;

        public M2MqttTransport(string host, int port, ILog log)
        {
            _host = host;
            _port = port;
            _log = log;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public bool Connect(string clientId, string willTopic, byte[] willMessage, IMqttEvents events)
        {
            lock (_gate)
            {
                DropClient();
                _events = events;
                MqttClient client = null;
                try
                {
                    client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                    client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                    client.MqttMsgPublished += OnPublished;
                    client.MqttMsgPublishReceived += OnReceived;
                    client.ConnectionClosed += OnClosed;

                    // M2Mqtt takes the will as a string and sends it UTF-8 encoded; our will ("offline") is UTF-8 text.
                    string will = willMessage == null ? string.Empty : Encoding.UTF8.GetString(willMessage, 0, willMessage.Length);
                    MqttReasonCode code = client.Connect(clientId, null, null, true, MqttQoSLevel.AtLeastOnce, true, willTopic, will, false, KeepAliveSeconds);
                    if (code != MqttReasonCode.Success || !client.IsConnected)
                    {
                        _log.Warn("MQTT broker " + _host + " refused the connection, reason code " + ((int)code).ToString());
                        Detach(client);
                        return false;
                    }

                    _client = client;
                    return true;
                }
                catch (Exception ex)
                {
                    _log.Warn("MQTT connect to " + _host + ":" + _port.ToString() + " failed: " + ex.Message);
                    if (client != null)
                    {
                        Detach(client);
                    }

                    return false;
                }
            }
        }

        public void Disconnect()
        {
            lock (_gate)
            {
                DropClient();
            }
        }

        public ushort Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return 0;
            }

            try
            {
                // The 6-argument overload is the one that takes a QoS level.
                return client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
            }
            catch (Exception ex)
            {
                _log.Warn("MQTT publish to " + topic + " failed: " + ex.Message);
                return 0;
            }
        }

        public bool Subscribe(string topic)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                ushort id = client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return id != 0;
            }
            catch (Exception ex)
            {
                _log.Warn("MQTT subscribe to " + topic + " failed: " + ex.Message);
                return false;
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // IsPublished is false when M2Mqtt gave up after its retries: the outbox keeps the batch.
            IMqttEvents events = _events;
            if (events != null && e.IsPublished)
            {
                events.OnPublishAcknowledged(e.MessageId);
            }
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttEvents events = _events;
            if (events != null)
            {
                events.OnMessage(e.Topic, e.Message);
            }
        }

        private void OnClosed(object sender, EventArgs e)
        {
            IMqttEvents events = _events;
            if (events != null)
            {
                events.OnConnectionLost();
            }
        }

        private void DropClient()
        {
            MqttClient client = _client;
            _client = null;
            if (client != null)
            {
                Detach(client);
            }
        }

        private void Detach(MqttClient client)
        {
            client.MqttMsgPublished -= OnPublished;
            client.MqttMsgPublishReceived -= OnReceived;
            client.ConnectionClosed -= OnClosed;
            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception)
            {
                // The socket is already gone; nothing left to close.
            }

            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // A half-open client may fail to release; it is unreachable either way.
            }
        }
    }
}
