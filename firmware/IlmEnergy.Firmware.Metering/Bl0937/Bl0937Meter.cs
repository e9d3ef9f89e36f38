using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// BL0937 / HLW8012 driver over two pulse counters (CF: power, CF1: current or voltage chosen by SEL).
    /// Each poll turns pulse counts over the elapsed time into frequencies in mHz, the raw domain of the
    /// calibration. Rules (ESPHome hlw8012): a single pulse in an interval counts as 0 Hz (it may be a
    /// fraction of a period); the first CF1 interval after a SEL switch is discarded (it mixes both modes);
    /// voltage and current hold their last measured value while CF1 measures the other one. Every CF pulse
    /// counts towards energy.
    /// </summary>
    public sealed class Bl0937Meter : MeterBase
    {
        private readonly IPulseCounter _cf;
        private readonly IPulseCounter _cf1;
        private readonly IDigitalOutput _sel;
        private readonly Bl0937Options _options;

        private bool _started;
        private long _lastMs;
        private long _lastCf;
        private long _lastCf1;
        private bool _currentMode;
        private int _pollsInMode;
        private bool _discardNextCf1;
        private ReadingFlags _heldFlags;

        public Bl0937Meter(IPulseCounter cf, IPulseCounter cf1, IDigitalOutput sel, Calibration calibration, Bl0937Options options)
            : base(calibration, 1, options.MaxPowerMilliWatts, options.StaleAfterMs)
        {
            if (options.CurrentModePolls < 2 || options.VoltageModePolls < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "each SEL mode needs at least 2 polls (the first is discarded)");
            }

            _cf = cf;
            _cf1 = cf1;
            _sel = sel;
            _options = options;
        }

        public override MeterChip Chip => MeterChip.Bl0937;

        /// <summary>True while CF1 measures current.</summary>
        public bool MeasuringCurrent => _currentMode;

        public override void Start(long nowMs)
        {
            Baseline(nowMs);
        }

        protected override bool Pump(long nowMs)
        {
            if (!_started)
            {
                Baseline(nowMs);
                return false;
            }

            long elapsedMs = nowMs - _lastMs;
            if (elapsedMs <= 0)
            {
                return false;
            }

            long cf = _cf.ReadCount();
            long cf1 = _cf1.ReadCount();
            long cfPulses = cf - _lastCf;
            long cf1Pulses = cf1 - _lastCf1;
            _lastCf = cf;
            _lastCf1 = cf1;
            _lastMs = nowMs;

            if (cfPulses < 0 || cf1Pulses < 0)
            {
                // The counter was reset underneath us: this interval is unknown, start over from here.
                return false;
            }

            Calibration cal = Calibration;
            Latest.RawPower = FrequencyMilliHertz(cfPulses, elapsedMs);
            Latest.PowerMilliWatts = FixedPoint.ClampToInt(cal.ToMilliWatts(Latest.RawPower));
            _heldFlags |= ReadingFlags.PowerValid;

            if (_discardNextCf1)
            {
                _discardNextCf1 = false;
            }
            else if (_currentMode)
            {
                Latest.RawCurrent = FrequencyMilliHertz(cf1Pulses, elapsedMs);
                Latest.CurrentMilliAmps = FixedPoint.ClampToInt(cal.ToMilliAmps(Latest.RawCurrent));
                _heldFlags |= ReadingFlags.CurrentValid;
            }
            else
            {
                Latest.RawVoltage = FrequencyMilliHertz(cf1Pulses, elapsedMs);
                Latest.VoltageMilliVolts = FixedPoint.ClampToInt(cal.ToMilliVolts(Latest.RawVoltage));
                _heldFlags |= ReadingFlags.VoltageValid;
            }

            SetChipFlags(_heldFlags);
            CountEnergy(cfPulses, nowMs);

            _pollsInMode++;
            if (_pollsInMode >= (_currentMode ? _options.CurrentModePolls : _options.VoltageModePolls))
            {
                SelectMode(!_currentMode);
            }

            return true;
        }

        /// <summary>Pulses over an interval as mHz; one pulse or fewer is 0 (ESPHome).</summary>
        private static long FrequencyMilliHertz(long pulses, long elapsedMs)
        {
            return pulses <= 1 ? 0 : FixedPoint.DivRound(pulses * 1000000L, elapsedMs);
        }

        private void Baseline(long nowMs)
        {
            _lastCf = _cf.ReadCount();
            _lastCf1 = _cf1.ReadCount();
            _lastMs = nowMs;
            _started = true;
            SelectMode(true);
        }

        private void SelectMode(bool current)
        {
            _currentMode = current;
            _pollsInMode = 0;
            _discardNextCf1 = true;
            _sel.Write(current != _options.SelInverted);
        }
    }
}
