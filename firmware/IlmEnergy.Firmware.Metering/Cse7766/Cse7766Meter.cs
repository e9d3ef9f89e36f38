namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// CSE7766 driver (receive only: the chip streams frames on its own). Every frame is decoded; the
    /// reading shows the newest values. Rules follow Tasmota's xnrg_02_cse7766: a fatal 0xFx header
    /// invalidates the frame; "power cycle out of range" means 0 W; after the power-valid bit has been
    /// missing for InvalidPowerFramesBeforeZero frames power is 0 (until then the last value holds); the
    /// first power cycle after a change is skipped (it is incomplete); current is 0 whenever power is 0.
    /// Energy = Σ ΔCF (16-bit wrap) × power coefficient, in µJ.
    /// </summary>
    public sealed class Cse7766Meter : MeterBase
    {
        private const int CfCounterBits = 16;

        private readonly IByteSource _source;
        private readonly Cse7766Options _options;
        private readonly Cse7766FrameParser _parser;
        private readonly WrappingCounter _cfCounter = new WrappingCounter(CfCounterBits);
        private readonly byte[] _readBuffer = new byte[64];
        private int _invalidPowerFrames;
        private int _firstPowerCycle;

        public Cse7766Meter(IByteSource source, Calibration calibration, Cse7766Options options)
            : base(calibration, Cse7766Frame.FallbackPowerCoefficient, options.MaxPowerMilliWatts, options.StaleAfterMs)
        {
            _source = source;
            _options = options;
            _parser = new Cse7766FrameParser(options.PartialFrameTimeoutMs);

            // Like Tasmota: until the chip proves otherwise there is no load.
            _invalidPowerFrames = options.InvalidPowerFramesBeforeZero;
        }

        public override MeterChip Chip => MeterChip.Cse7766;

        public Cse7766FrameParser Parser => _parser;

        protected override bool Pump(long nowMs)
        {
            bool fresh = false;
            int read;
            while ((read = _source.Read(_readBuffer, 0, _readBuffer.Length)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (_parser.Feed(_readBuffer[i], nowMs))
                    {
                        Apply(_parser.Frame, nowMs);
                        fresh = true;
                    }
                }
            }

            return fresh;
        }

        private void Apply(Cse7766Frame frame, long nowMs)
        {
            Calibration cal = Calibration;
            ReadingFlags flags = frame.IsChipCalibrated ? ReadingFlags.None : ReadingFlags.ChipNotCalibrated;

            if (frame.HasFatalError)
            {
                // Values and coefficients are untrustworthy; CF pulses are counted from the next good frame.
                Latest.VoltageMilliVolts = 0;
                Latest.CurrentMilliAmps = 0;
                Latest.PowerMilliWatts = 0;
                _firstPowerCycle = 0;
                SetChipFlags(flags | ReadingFlags.ChipError);
                return;
            }

            if (frame.VoltageValid)
            {
                Latest.RawVoltage = frame.VoltageMicroVolts;
                Latest.VoltageMilliVolts = FixedPoint.ClampToInt(cal.ToMilliVolts(Latest.RawVoltage));
                flags |= ReadingFlags.VoltageValid;
            }

            UpdatePower(frame, cal);
            flags |= ReadingFlags.PowerValid;

            if (frame.CurrentValid)
            {
                Latest.RawCurrent = frame.CurrentMicroAmps;
                Latest.CurrentMilliAmps = Latest.PowerMilliWatts == 0 ? 0 : FixedPoint.ClampToInt(cal.ToMilliAmps(Latest.RawCurrent));
                flags |= ReadingFlags.CurrentValid;
            }

            SetChipFlags(flags);

            long pulses = _cfCounter.Update(frame.CfPulses);
            Energy.RawPerCount = frame.EffectivePowerCoefficient;
            CountEnergy(pulses * frame.EffectivePowerCoefficient, nowMs);
        }

        private void UpdatePower(Cse7766Frame frame, Calibration cal)
        {
            if (frame.PowerCycleOutOfRange)
            {
                SetPower(0, cal);
                _firstPowerCycle = 0;
                return;
            }

            if (frame.PowerValid)
            {
                _invalidPowerFrames = 0;
                if (_firstPowerCycle == 0)
                {
                    _firstPowerCycle = frame.PowerCycle;
                }

                if (_firstPowerCycle != frame.PowerCycle)
                {
                    _firstPowerCycle = -1;
                    SetPower(frame.PowerMicroWatts, cal);
                }
                else
                {
                    SetPower(0, cal);
                }

                return;
            }

            if (_invalidPowerFrames < _options.InvalidPowerFramesBeforeZero)
            {
                _invalidPowerFrames++;
            }
            else
            {
                _firstPowerCycle = 0;
                SetPower(0, cal);
            }
        }

        private void SetPower(long rawMicroWatts, Calibration cal)
        {
            Latest.RawPower = rawMicroWatts;
            Latest.PowerMilliWatts = FixedPoint.ClampToInt(cal.ToMilliWatts(rawMicroWatts));
        }
    }
}
