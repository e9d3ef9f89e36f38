namespace IlmEnergy.Firmware.Device.Platform
{
    /// <summary>
    /// Callbacks from the MQTT transport into the device loop (implemented by PlugDevice). The glue calls
    /// these from its own threads: implementations only enqueue under a lock and return; the loop processes
    /// them in its next Tick(), so no device state is ever touched off the loop thread.
    /// </summary>
    public interface IMqttEvents
    {
        /// <summary>The broker acknowledged (PUBACK) the QoS 1 publish with this message id.</summary>
        void OnPublishAcknowledged(ushort messageId);

        /// <summary>A message arrived on a subscribed topic.</summary>
        void OnMessage(string topic, byte[] payload);

        /// <summary>The connection dropped (the loop reconnects with backoff).</summary>
        void OnConnectionLost();
    }
}
