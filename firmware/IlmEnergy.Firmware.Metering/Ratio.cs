using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// A conversion factor kept as an exact integer fraction, Numerator / Denominator, both positive and
    /// at most 31 bits so a ratio fits a flash record and MulDivRound never overflows.
    /// Applied as: unit value = raw × Numerator / Denominator.
    /// </summary>
    public struct Ratio
    {
        private readonly int _numerator;
        private readonly int _denominator;

        public Ratio(int numerator, int denominator)
        {
            if (numerator <= 0 || denominator <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(numerator), "ratio terms must be positive");
            }

            _numerator = numerator;
            _denominator = denominator;
        }

        public int Numerator => _numerator;

        public int Denominator => _denominator;

        /// <summary>True for a usable ratio; default(Ratio) is not.</summary>
        public bool IsValid => _numerator > 0 && _denominator > 0;

        /// <summary>raw × Numerator / Denominator, rounded half away from zero.</summary>
        public long Apply(long raw)
        {
            return FixedPoint.MulDivRound(raw, _numerator, _denominator);
        }

        /// <summary>
        /// Builds a ratio from arbitrary positive 64-bit terms: reduces by the common divisor, then halves
        /// both terms until they fit in 31 bits (relative error below 1e-9, far under metering accuracy).
        /// </summary>
        public static Ratio FromLongs(long numerator, long denominator)
        {
            if (numerator <= 0 || denominator <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(numerator), "ratio terms must be positive");
            }

            long gcd = FixedPoint.Gcd(numerator, denominator);
            numerator /= gcd;
            denominator /= gcd;
            while (numerator > int.MaxValue || denominator > int.MaxValue)
            {
                numerator = (numerator + 1) >> 1;
                denominator = (denominator + 1) >> 1;
            }

            return new Ratio((int)numerator, (int)denominator);
        }

        /// <summary>this × other, normalised back to 31-bit terms.</summary>
        public Ratio Times(Ratio other)
        {
            return FromLongs((long)_numerator * other._numerator, (long)_denominator * other._denominator);
        }

        public override string ToString()
        {
            return _numerator.ToString() + "/" + _denominator.ToString();
        }
    }
}
