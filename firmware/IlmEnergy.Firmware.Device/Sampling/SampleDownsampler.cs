namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Merges every <c>factor</c> consecutive samples into one (offline buffering: six 10-s samples become
    /// one 60-s sample). The merged sample is what a longer averaging interval would have produced: mean of
    /// the means (equal intervals), energy, relay and time at the end, clock synced only if all were,
    /// faults summed, curtailed if any was. Energy is untouched (the accumulator integrates every reading),
    /// so nothing is lost by switching between modes.
    /// </summary>
    public sealed class SampleDownsampler
    {
        private long _sumPower;
        private long _sumVoltage;
        private long _sumCurrent;
        private int _count;
        private int _faults;
        private bool _synced = true;
        private bool _curtailed;

        /// <summary>Samples merged per output sample; 1 passes samples through. Change it between samples.</summary>
        public int Factor { get; set; } = 1;

        /// <summary>Samples held towards the next merged one.</summary>
        public int Pending => _count;

        /// <summary>Returns the merged sample when <see cref="Factor"/> samples are in, otherwise null.</summary>
        public Sample Add(Sample sample)
        {
            if (Factor <= 1 && _count == 0)
            {
                return sample;
            }

            _sumPower += sample.PowerMw;
            _sumVoltage += sample.VoltageMv;
            _sumCurrent += sample.CurrentMa;
            _faults += sample.MeterFaults;
            _synced &= sample.ClockSynced;
            _curtailed |= sample.Curtailed;
            _count++;
            if (_count < Factor)
            {
                return null;
            }

            Sample merged = new Sample();
            merged.TimestampMs = sample.TimestampMs;
            merged.EnergyMwh = sample.EnergyMwh;
            merged.PowerMw = (int)(_sumPower / _count);
            merged.VoltageMv = (int)(_sumVoltage / _count);
            merged.CurrentMa = (int)(_sumCurrent / _count);
            merged.RelayClosed = sample.RelayClosed;
            merged.ClockSynced = _synced;
            merged.MeterFaults = _faults;
            merged.Curtailed = _curtailed;
            _sumPower = 0;
            _sumVoltage = 0;
            _sumCurrent = 0;
            _count = 0;
            _faults = 0;
            _synced = true;
            _curtailed = false;
            return merged;
        }
    }
}
