using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Turns a chip's narrow free-running counter (24-bit CF_CNT on the BL0942, 16-bit CF on the CSE7766)
    /// into increments and a 64-bit total. Each update is taken modulo 2^bits, so one wrap between two
    /// updates is counted correctly; updates must come often enough that the counter cannot wrap twice.
    /// </summary>
    public sealed class WrappingCounter
    {
        private readonly long _mask;
        private long _last;
        private bool _hasBaseline;

        public WrappingCounter(int bits)
        {
            if (bits < 1 || bits > 62)
            {
                throw new ArgumentOutOfRangeException(nameof(bits));
            }

            _mask = (1L << bits) - 1;
        }

        /// <summary>Sum of all increments since construction or <see cref="Rebaseline"/>.</summary>
        public long Total { get; private set; }

        public bool HasBaseline => _hasBaseline;

        /// <summary>
        /// Feeds the chip's current counter value; returns the increment since the previous value
        /// (0 for the first value, which only sets the baseline: the chip may have counted before boot).
        /// </summary>
        public long Update(long counterValue)
        {
            counterValue &= _mask;
            if (!_hasBaseline)
            {
                _last = counterValue;
                _hasBaseline = true;
                return 0;
            }

            long delta = (counterValue - _last) & _mask;
            _last = counterValue;
            Total += delta;
            return delta;
        }

        /// <summary>Forgets the previous value so the next update is a new baseline (after a glitch or chip reset).</summary>
        public void Rebaseline()
        {
            _hasBaseline = false;
        }
    }
}
