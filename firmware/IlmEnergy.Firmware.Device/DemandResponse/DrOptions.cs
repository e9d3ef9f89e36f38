namespace IlmEnergy.Firmware.Device
{
    /// <summary>Limits the DR scheduler enforces on top of the command's own checks.</summary>
    public sealed class DrOptions
    {
        public DrOptions()
        {
            MinSwitchIntervalMs = 10000;
            MaxEventsPerDay = 4;
            MaxWindowMs = 4L * 60 * 60 * 1000;
        }

        /// <summary>
        /// Minimum time between two relay switches by the scheduler, to protect compressors. A curtailment
        /// starts only if it can also end this long later, inside the window, so restoring at the window
        /// end is never delayed.
        /// </summary>
        public long MinSwitchIntervalMs { get; set; }

        /// <summary>Curtail commands accepted per UTC day (of the window start); more are RejectedInvalid.</summary>
        public int MaxEventsPerDay { get; set; }

        /// <summary>Longest window accepted (docs/protocol.md §3.3: end ≤ start + 4 h).</summary>
        public long MaxWindowMs { get; set; }
    }
}
