namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// A DR command whose signature, target device and expiry the protocol layer has ALREADY verified
    /// (docs/protocol.md §3.3). The scheduler still re-checks the window limits.
    /// </summary>
    public sealed class DrCommand
    {
        public DrCommand(string commandId, string eventId, DrAction action, long startMs, long endMs)
        {
            CommandId = commandId;
            EventId = eventId;
            Action = action;
            StartMs = startMs;
            EndMs = endMs;
        }

        public string CommandId { get; private set; }

        public string EventId { get; private set; }

        public DrAction Action { get; private set; }

        /// <summary>Window start, Unix ms (unused for cancel).</summary>
        public long StartMs { get; private set; }

        /// <summary>Window end, Unix ms (unused for cancel).</summary>
        public long EndMs { get; private set; }
    }
}
