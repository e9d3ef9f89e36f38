using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Integer arithmetic helpers. The ESP32-C3 has no FPU, so every conversion in this library is done
    /// on 64-bit integers with explicit rounding (half away from zero) instead of float/double.
    /// </summary>
    public static class FixedPoint
    {
        /// <summary>numerator / denominator, rounded half away from zero. Denominator must be non-zero.</summary>
        public static long DivRound(long numerator, long denominator)
        {
            if (denominator == 0)
            {
                throw new ArgumentException("denominator must not be zero", nameof(denominator));
            }

            if (denominator < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }

            long half = denominator / 2;
            return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
        }

        /// <summary>
        /// value × multiplier / divisor, rounded half away from zero, without overflowing the intermediate
        /// product: value is split into quotient and remainder by divisor first. Exact as long as
        /// multiplier × divisor fits in 63 bits (true for the 31-bit ratios used here).
        /// </summary>
        public static long MulDivRound(long value, long multiplier, long divisor)
        {
            if (divisor <= 0)
            {
                throw new ArgumentException("divisor must be positive", nameof(divisor));
            }

            bool negative = value < 0;
            long magnitude = negative ? -value : value;
            long quotient = magnitude / divisor;
            long remainder = magnitude % divisor;
            long result = quotient * multiplier + DivRound(remainder * multiplier, divisor);
            return negative ? -result : result;
        }

        /// <summary>Absolute value (no dependency on System.Math, which nanoFramework ships separately).</summary>
        public static long Abs(long value)
        {
            return value < 0 ? -value : value;
        }

        /// <summary>Greatest common divisor of two non-negative numbers; Gcd(0, 0) is 0.</summary>
        public static long Gcd(long a, long b)
        {
            a = Abs(a);
            b = Abs(b);
            while (b != 0)
            {
                long t = a % b;
                a = b;
                b = t;
            }

            return a;
        }

        /// <summary>Clamps a 64-bit value into the int range, for fields the wire format keeps at 32 bits.</summary>
        public static int ClampToInt(long value)
        {
            if (value > int.MaxValue)
            {
                return int.MaxValue;
            }

            if (value < int.MinValue)
            {
                return int.MinValue;
            }

            return (int)value;
        }
    }
}
