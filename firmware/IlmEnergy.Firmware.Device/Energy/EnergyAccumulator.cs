namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Cumulative consumption counter in mWh, integrated exactly in integers: each reading adds
    /// power (mW) × elapsed (ms), and the part below 1 mWh (3,600,000 mW·ms) is carried to the next
    /// reading, so nothing is lost to rounding. Negative power (export) adds nothing.
    /// The counter is checkpointed into <see cref="DeviceState"/> every N minutes or M mWh and restored
    /// from there at boot. Energy since the last checkpoint is lost on a reboot: the counter may
    /// under-count, never over-count. With no valid state, it starts at 0 and CounterReset is pending.
    /// Before a batch is queued, <see cref="CheckpointCovering"/> makes its last value durable, so a
    /// reboot never restarts the counter below a value already sent (the server would reject the
    /// decrease as EnergyDecreased).
    /// </summary>
    public sealed class EnergyAccumulator
    {
        /// <summary>1 mWh = 1 mW for 3,600,000 ms.</summary>
        public const long MwMsPerMwh = 3600000;

        private readonly DeviceStateStore _store;
        private readonly EnergyOptions _options;
        private long _msSinceCheckpoint;
        private long _mwhAtCheckpoint;

        public EnergyAccumulator(DeviceStateStore store, EnergyOptions options)
        {
            if (options.MaxStepMs <= 0 || options.CheckpointIntervalMs <= 0 || options.CheckpointEveryMwh <= 0)
            {
                throw new System.ArgumentException("energy options must be positive");
            }

            _store = store;
            _options = options;
            TotalMwh = store.Current.EnergyMwh;
            RemainderMwMs = store.Current.EnergyRemainderMwMs;
            if (RemainderMwMs >= MwMsPerMwh)
            {
                // Only possible from a foreign or corrupt record; never count the excess.
                RemainderMwMs = 0;
            }

            _mwhAtCheckpoint = TotalMwh;
        }

        /// <summary>Whole mWh consumed (payload sample field e).</summary>
        public long TotalMwh { get; private set; }

        /// <summary>Energy below one mWh, in mW·ms, waiting to complete the next mWh.</summary>
        public long RemainderMwMs { get; private set; }

        /// <summary>True while the first batch after a counter restart has not been queued.</summary>
        public bool CounterResetPending => _store.Current.CounterResetPending;

        /// <summary>Adds one reading of <paramref name="powerMw"/> held for <paramref name="elapsedMs"/>; may checkpoint.</summary>
        public void Add(int powerMw, long elapsedMs)
        {
            if (elapsedMs <= 0)
            {
                return;
            }

            if (elapsedMs > _options.MaxStepMs)
            {
                elapsedMs = _options.MaxStepMs;
            }

            _msSinceCheckpoint += elapsedMs;
            if (powerMw > 0)
            {
                // At most 2^31 mW × MaxStepMs: far inside a long for any sane step.
                long sum = RemainderMwMs + powerMw * elapsedMs;
                TotalMwh += sum / MwMsPerMwh;
                RemainderMwMs = sum % MwMsPerMwh;
            }

            if (_msSinceCheckpoint >= _options.CheckpointIntervalMs
                || TotalMwh - _mwhAtCheckpoint >= _options.CheckpointEveryMwh)
            {
                Checkpoint();
            }
        }

        /// <summary>
        /// Checkpoints unless the durable value already covers <paramref name="reportedMwh"/>: at most one
        /// write per batch, none while no energy flows.
        /// </summary>
        public void CheckpointCovering(long reportedMwh)
        {
            if (reportedMwh > _mwhAtCheckpoint)
            {
                Checkpoint();
            }
        }

        /// <summary>Saves the counter now (also call before a planned reboot).</summary>
        public void Checkpoint()
        {
            DeviceState state = _store.Current;
            state.EnergyMwh = TotalMwh;
            state.EnergyRemainderMwMs = RemainderMwMs;
            _store.Save();
            _msSinceCheckpoint = 0;
            _mwhAtCheckpoint = TotalMwh;
        }
    }
}
