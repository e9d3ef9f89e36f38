namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Turns 1-second meter readings into one <see cref="Sample"/> per interval (10 s by default): mean
    /// power, voltage and current (integer means), energy counter and relay state at the end, timestamp =
    /// end of the interval in Unix ms. Each reading is also integrated into the
    /// <see cref="EnergyAccumulator"/> over the uptime elapsed since the previous good reading.
    /// Intervals are measured on the monotonic uptime, so an SNTP step never stretches or shrinks one.
    /// </summary>
    public sealed class SampleAggregator
    {
        private readonly EnergyAccumulator _energy;
        private readonly IClock _clock;
        private readonly long _intervalMs;

        private bool _started;
        private long _intervalStartMs;
        private bool _hasLastReading;
        private long _lastReadingMs;

        private long _sumPower;
        private long _sumVoltage;
        private long _sumCurrent;
        private int _readings;
        private int _faults;
        private bool _relayClosed;
        private bool _clockSynced;
        private bool _curtailed;

        private int _lastPowerMw;
        private int _lastVoltageMv;
        private int _lastCurrentMa;

        public SampleAggregator(EnergyAccumulator energy, IClock clock, SamplingOptions options)
        {
            if (options.SampleIntervalMs <= 0)
            {
                throw new System.ArgumentException("SampleIntervalMs must be positive");
            }

            _energy = energy;
            _clock = clock;
            _intervalMs = options.SampleIntervalMs;
            ResetInterval();
        }

        /// <summary>
        /// Adds a good reading taken at <see cref="IClock.UptimeMs"/>. Returns the finished sample when
        /// this reading completes an interval, otherwise null.
        /// </summary>
        /// <param name="curtailed">True while the DR scheduler holds the relay open.</param>
        public Sample AddReading(int powerMw, int voltageMv, int currentMa, bool relayClosed, bool curtailed)
        {
            long now = _clock.UptimeMs;
            if (_hasLastReading)
            {
                _energy.Add(powerMw, now - _lastReadingMs);
            }

            _hasLastReading = true;
            _lastReadingMs = now;
            _sumPower += powerMw;
            _sumVoltage += voltageMv;
            _sumCurrent += currentMa;
            _readings++;
            _relayClosed = relayClosed;
            _curtailed |= curtailed;
            return Advance(now);
        }

        /// <summary>
        /// Records a failed meter read. The time still counts towards the interval; the energy of the gap
        /// is integrated (capped) at the next good reading.
        /// </summary>
        public Sample AddFault(bool relayClosed, bool curtailed)
        {
            _faults++;
            _relayClosed = relayClosed;
            _curtailed |= curtailed;
            return Advance(_clock.UptimeMs);
        }

        private Sample Advance(long now)
        {
            _clockSynced &= _clock.IsSynced;
            if (!_started)
            {
                _started = true;
                _intervalStartMs = now;
                return null;
            }

            if (now - _intervalStartMs < _intervalMs)
            {
                return null;
            }

            Sample sample = Close();
            _intervalStartMs = now;
            return sample;
        }

        private Sample Close()
        {
            if (_readings > 0)
            {
                _lastPowerMw = (int)(_sumPower / _readings);
                _lastVoltageMv = (int)(_sumVoltage / _readings);
                _lastCurrentMa = (int)(_sumCurrent / _readings);
            }

            Sample sample = new Sample();
            sample.TimestampMs = _clock.UtcNowMs;
            sample.EnergyMwh = _energy.TotalMwh;
            sample.PowerMw = _lastPowerMw;
            sample.VoltageMv = _lastVoltageMv;
            sample.CurrentMa = _lastCurrentMa;
            sample.RelayClosed = _relayClosed;
            sample.ClockSynced = _clockSynced && _clock.IsSynced;
            sample.MeterFaults = _faults;
            sample.Curtailed = _curtailed;
            ResetInterval();
            return sample;
        }

        private void ResetInterval()
        {
            _sumPower = 0;
            _sumVoltage = 0;
            _sumCurrent = 0;
            _readings = 0;
            _faults = 0;
            _clockSynced = true;
            _curtailed = false;
        }
    }
}
