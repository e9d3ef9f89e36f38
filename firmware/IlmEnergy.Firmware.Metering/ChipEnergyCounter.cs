namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Keeps the cumulative energy in mWh from the chip's raw energy counts, with two refinements:
    /// <list type="number">
    /// <item>Pulse-anchored interpolation: a BL0942 CF count is worth about 0.2 Wh, so a 40 W load moves the
    /// counter once every ~18 s. Between counts the accumulator adds |P| × Δt, capped at one count, so a
    /// 10-second sample still shows energy consistent with power. When counts arrive the interpolation
    /// restarts from the count-based value; the long-run total is always the counted energy.</item>
    /// <item>Step guard: a raw step implying more than MaxPowerMilliWatts (a corrupted frame that passed its
    /// checksum) is discarded, as Tasmota does with its 5.5 kW limit.</item>
    /// </list>
    /// The reported value never decreases.
    /// </summary>
    public sealed class ChipEnergyCounter
    {
        private const long MicroWattHoursPerMilliWattHour = 1000;

        private Ratio _ratio;
        private long _baseMilliWattHours;
        private long _rawSinceBase;
        private long _interpolatedMicroWattHours;
        private long _reported;
        private long _lastCountMs;
        private bool _hasCountTime;
        private long _lastPowerMs;
        private bool _hasPowerTime;

        /// <param name="mWhPerRaw">Energy ratio from the calibration (mWh per raw count).</param>
        /// <param name="rawPerCount">Raw units in one indivisible chip count (1 for pulse counters; the
        /// power coefficient on the CSE7766, whose raw unit is µJ). Sets the interpolation cap.</param>
        /// <param name="maxPowerMilliWatts">Steps implying more power than this are rejected.</param>
        public ChipEnergyCounter(Ratio mWhPerRaw, long rawPerCount, long maxPowerMilliWatts)
        {
            _ratio = mWhPerRaw;
            RawPerCount = rawPerCount;
            MaxPowerMilliWatts = maxPowerMilliWatts;
        }

        public long RawPerCount { get; set; }

        public long MaxPowerMilliWatts { get; set; }

        /// <summary>Raw energy accepted since construction (never reset by calibration or restore).</summary>
        public long RawTotal { get; private set; }

        /// <summary>Number of steps discarded by the power guard.</summary>
        public int RejectedSteps { get; private set; }

        public long MilliWattHours => _reported;

        /// <summary>
        /// Adds raw counts observed at <paramref name="nowMs"/>. Returns false (and drops the step) when it
        /// implies more than MaxPowerMilliWatts since the previous count, allowing one count of slack.
        /// </summary>
        public bool AddRaw(long rawDelta, long nowMs)
        {
            if (rawDelta <= 0)
            {
                if (!_hasCountTime)
                {
                    _lastCountMs = nowMs;
                    _hasCountTime = true;
                }

                return rawDelta == 0;
            }

            long elapsed = _hasCountTime ? nowMs - _lastCountMs : 1000;
            if (elapsed < 1000)
            {
                elapsed = 1000;
            }

            // Energy allowed = Pmax × t + one count, compared in µWh (mW × ms / 3600 = µWh).
            long stepMicro = _ratio.Apply(rawDelta * MicroWattHoursPerMilliWattHour);
            long allowedMicro = MaxPowerMilliWatts * elapsed / 3600 + CountMicroWattHours();
            _lastCountMs = nowMs;
            _hasCountTime = true;
            if (stepMicro > allowedMicro)
            {
                RejectedSteps++;
                return false;
            }

            _rawSinceBase += rawDelta;
            RawTotal += rawDelta;
            _interpolatedMicroWattHours = 0;
            Publish();
            return true;
        }

        /// <summary>Adds |P| over the time since the previous call, capped at one chip count since the last count.</summary>
        public void AddPower(long milliWatts, long nowMs)
        {
            if (_hasPowerTime && nowMs > _lastPowerMs)
            {
                long magnitude = FixedPoint.Abs(milliWatts);
                _interpolatedMicroWattHours += magnitude * (nowMs - _lastPowerMs) / 3600;
                long cap = CountMicroWattHours();
                if (_interpolatedMicroWattHours > cap)
                {
                    _interpolatedMicroWattHours = cap;
                }
            }

            _lastPowerMs = nowMs;
            _hasPowerTime = true;
            Publish();
        }

        /// <summary>Continues from a stored value; the counter is never lowered.</summary>
        public void Restore(long milliWattHours)
        {
            long counted = _ratio.Apply(_rawSinceBase);
            if (milliWattHours > _baseMilliWattHours + counted)
            {
                _baseMilliWattHours = milliWattHours - counted;
            }

            Publish();
        }

        /// <summary>New calibration: energy counted so far is frozen at its current value first.</summary>
        public void SetRatio(Ratio mWhPerRaw)
        {
            _baseMilliWattHours += _ratio.Apply(_rawSinceBase);
            _rawSinceBase = 0;
            _interpolatedMicroWattHours = 0;
            _ratio = mWhPerRaw;
            Publish();
        }

        private long CountMicroWattHours()
        {
            return _ratio.Apply(RawPerCount * MicroWattHoursPerMilliWattHour);
        }

        private void Publish()
        {
            long value = _baseMilliWattHours + _ratio.Apply(_rawSinceBase) + _interpolatedMicroWattHours / MicroWattHoursPerMilliWattHour;
            if (value > _reported)
            {
                _reported = value;
            }
        }
    }
}
