using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// What every driver shares: calibration, the energy accumulator, staleness and the flags that do not
    /// depend on the chip. A driver implements <see cref="Pump"/>: take in whatever the chip produced and
    /// update <see cref="Latest"/> (values, raw values, validity bits) and the energy accumulator.
    /// </summary>
    public abstract class MeterBase : IMeter
    {
        /// <summary>Tasmota's guard for UART meters: no plug delivers more than 5.5 kW.</summary>
        public const long DefaultMaxPowerMilliWatts = 5500000;

        /// <summary>Readings older than this (no valid frame) are stale: 2.5 polls at 1 Hz.</summary>
        public const long DefaultStaleAfterMs = 2500;

        /// <summary>Bits a driver owns in <see cref="Latest"/>; the rest are set here.</summary>
        protected const ReadingFlags ChipFlags = ReadingFlags.VoltageValid | ReadingFlags.CurrentValid | ReadingFlags.PowerValid
            | ReadingFlags.FrequencyValid | ReadingFlags.ChipNotCalibrated | ReadingFlags.ChipError;

        private readonly long _staleAfterMs;
        private long _lastFreshMs;
        private bool _everFresh;
        private int _rejectedStepsReported;
        private bool _energyCounted;

        protected MeterBase(Calibration calibration, long rawPerCount, long maxPowerMilliWatts, long staleAfterMs)
        {
            if (calibration == null)
            {
                throw new ArgumentNullException(nameof(calibration));
            }

            Calibration = calibration;
            Energy = new ChipEnergyCounter(calibration.Energy, rawPerCount, maxPowerMilliWatts);
            _staleAfterMs = staleAfterMs;
        }

        public abstract MeterChip Chip { get; }

        public Calibration Calibration { get; private set; }

        public long EnergyMilliWattHours => Energy.MilliWattHours;

        /// <summary>Last decoded chip values, in units and raw; kept between frames.</summary>
        protected MeterReading Latest { get; } = new MeterReading();

        protected ChipEnergyCounter Energy { get; }

        public virtual void Start(long nowMs)
        {
        }

        public bool TryRead(long nowMs, MeterReading into)
        {
            if (into == null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            // Interpolate energy over the interval that just ended with the power measured during it, before
            // the chip's counts for that interval arrive (counts supersede the interpolation). Only power we
            // believe is used: a silent or failing chip adds nothing.
            Energy.AddPower(IsPowerUsable(nowMs) ? Latest.PowerMilliWatts : 0, nowMs);

            if (Pump(nowMs))
            {
                _lastFreshMs = nowMs;
                _everFresh = true;
            }

            bool stale = IsStale(nowMs);
            bool chipError = (Latest.Flags & ReadingFlags.ChipError) != 0;

            into.CopyFrom(Latest);
            into.TimestampMs = nowMs;
            into.EnergyMilliWattHours = Energy.MilliWattHours;
            into.RawEnergyTotal = Energy.RawTotal;

            ReadingFlags flags = Latest.Flags & ChipFlags;
            if (_energyCounted)
            {
                flags |= ReadingFlags.EnergyValid;
            }

            if (!Calibration.IsReferenceCalibrated)
            {
                flags |= ReadingFlags.Uncalibrated;
            }

            if (Energy.RejectedSteps != _rejectedStepsReported)
            {
                _rejectedStepsReported = Energy.RejectedSteps;
                flags |= ReadingFlags.EnergyStepRejected;
            }

            if (stale)
            {
                flags |= ReadingFlags.Stale;
            }

            into.Flags = flags;
            return !stale && !chipError;
        }

        public void RestoreEnergy(long milliWattHours)
        {
            Energy.Restore(milliWattHours);
        }

        public void SetCalibration(Calibration calibration)
        {
            if (calibration == null)
            {
                throw new ArgumentNullException(nameof(calibration));
            }

            if (calibration.Chip != Chip)
            {
                throw new ArgumentException("calibration is for another chip", nameof(calibration));
            }

            Calibration = calibration;
            Energy.SetRatio(calibration.Energy);
        }

        private bool IsStale(long nowMs)
        {
            return !_everFresh || nowMs - _lastFreshMs > _staleAfterMs;
        }

        private bool IsPowerUsable(long nowMs)
        {
            return !IsStale(nowMs) && (Latest.Flags & (ReadingFlags.PowerValid | ReadingFlags.ChipError)) == ReadingFlags.PowerValid;
        }

        /// <summary>Consumes chip output; returns true when at least one new valid measurement arrived.</summary>
        protected abstract bool Pump(long nowMs);

        /// <summary>Feeds a raw energy step to the accumulator and remembers that energy is live.</summary>
        protected void CountEnergy(long rawDelta, long nowMs)
        {
            Energy.AddRaw(rawDelta, nowMs);
            _energyCounted = true;
        }

        /// <summary>Replaces the chip-owned bits of <see cref="Latest"/>.</summary>
        protected void SetChipFlags(ReadingFlags flags)
        {
            Latest.Flags = flags & ChipFlags;
        }
    }
}
