using System.Collections;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Hand-over point between the MQTT client's threads and the device loop: callbacks only enqueue
    /// under a lock; the loop drains everything in its Tick, so no device state is touched off-thread.
    /// Bounded: beyond <see cref="Capacity"/> the oldest received command is dropped (a flood must not
    /// exhaust the heap; PUBACKs and connection losses are never dropped).
    /// </summary>
    public sealed class MqttEventQueue
    {
        public const int Capacity = 64;

        private readonly object _gate = new object();
        private readonly ArrayList _events = new ArrayList();

        public void Acknowledged(ushort messageId)
        {
            Enqueue(new MqttEvent(MqttEventKind.Acknowledged, messageId, null, null));
        }

        public void Received(string topic, byte[] payload)
        {
            Enqueue(new MqttEvent(MqttEventKind.Message, 0, topic, payload));
        }

        public void ConnectionLost()
        {
            Enqueue(new MqttEvent(MqttEventKind.ConnectionLost, 0, null, null));
        }

        /// <summary>Everything queued so far, oldest first; the queue is empty afterwards.</summary>
        public MqttEvent[] DrainAll()
        {
            lock (_gate)
            {
                MqttEvent[] all = new MqttEvent[_events.Count];
                for (int i = 0; i < all.Length; i++)
                {
                    all[i] = (MqttEvent)_events[i];
                }

                _events.Clear();
                return all;
            }
        }

        private void Enqueue(MqttEvent item)
        {
            lock (_gate)
            {
                if (_events.Count >= Capacity && item.Kind == MqttEventKind.Message)
                {
                    for (int i = 0; i < _events.Count; i++)
                    {
                        if (((MqttEvent)_events[i]).Kind == MqttEventKind.Message)
                        {
                            _events.RemoveAt(i);
                            break;
                        }
                    }
                }

                _events.Add(item);
            }
        }
    }

    /// <summary>What kind of <see cref="MqttEvent"/>.</summary>
    public enum MqttEventKind
    {
        Acknowledged = 1,
        Message = 2,
        ConnectionLost = 3
    }

    /// <summary>One callback from the MQTT client, waiting for the device loop.</summary>
    public sealed class MqttEvent
    {
        public MqttEvent(MqttEventKind kind, ushort messageId, string topic, byte[] payload)
        {
            Kind = kind;
            MessageId = messageId;
            Topic = topic;
            Payload = payload;
        }

        public MqttEventKind Kind { get; private set; }

        public ushort MessageId { get; private set; }

        public string Topic { get; private set; }

        public byte[] Payload { get; private set; }
    }
}
