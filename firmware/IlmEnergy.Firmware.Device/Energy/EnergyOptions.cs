namespace IlmEnergy.Firmware.Device
{
    /// <summary>How the energy counter integrates and how often it is checkpointed to flash.</summary>
    public sealed class EnergyOptions
    {
        public EnergyOptions()
        {
            CheckpointIntervalMs = 10 * 60 * 1000;
            CheckpointEveryMwh = 100000;
            MaxStepMs = 5000;
        }

        /// <summary>Checkpoint at least this often (ms of integrated time). Bounds the loss at light load.</summary>
        public long CheckpointIntervalMs { get; set; }

        /// <summary>Checkpoint after this much energy (mWh). Bounds the loss at heavy load (100 Wh = 100 s at 3.6 kW).</summary>
        public long CheckpointEveryMwh { get; set; }

        /// <summary>
        /// A reading covers at most this long: after a meter gap, power is not extrapolated over the whole
        /// gap (under-counting is safe, over-counting never happens).
        /// </summary>
        public long MaxStepMs { get; set; }
    }
}
