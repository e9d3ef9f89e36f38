namespace IlmEnergy.Firmware.Device.Platform
{
    /// <summary>
    /// The MQTT client the device loop talks through. On the plug: nanoFramework.M2Mqtt's MqttClient;
    /// in the fleet simulator: MQTTnet; in tests: an in-memory fake.
    /// </summary>
    public interface IMqttTransport
    {
        /// <summary>True while a session with the broker is up.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Connects with MQTT 3.1.1 or 5, clean session false, and a QoS 1 retained will message
        /// <paramref name="willMessage"/> on <paramref name="willTopic"/>. Returns false when the broker refused
        /// or the connection failed; never throws for network errors.
        /// </summary>
        bool Connect(string clientId, string willTopic, byte[] willMessage, IMqttEvents events);

        /// <summary>Closes the session (best effort; never throws).</summary>
        void Disconnect();

        /// <summary>Publishes with QoS 1. Returns the message id, or 0 when the message was not sent.</summary>
        ushort Publish(string topic, byte[] payload, bool retain);

        /// <summary>Subscribes with QoS 1. Returns false when the subscription failed.</summary>
        bool Subscribe(string topic);
    }
}
