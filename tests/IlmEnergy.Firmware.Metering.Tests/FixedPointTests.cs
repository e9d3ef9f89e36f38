using System.Numerics;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

public class FixedPointTests
{
    [Theory]
    [InlineData(5, 2, 3)]
    [InlineData(-5, 2, -3)]
    [InlineData(4, 3, 1)]
    [InlineData(7, -2, -4)]
    [InlineData(0, 7, 0)]
    public void DivRound_rounds_half_away_from_zero(long n, long d, long expected)
    {
        Assert.Equal(expected, FixedPoint.DivRound(n, d));
    }

    [Fact]
    public void MulDivRound_is_exact_where_the_plain_product_would_overflow()
    {
        var random = new Random(42);
        for (int i = 0; i < 10_000; i++)
        {
            long value = random.NextInt64(-(1L << 55), 1L << 55);
            long mul = random.NextInt64(1, int.MaxValue);
            long div = random.NextInt64(1, int.MaxValue);
            BigInteger exact = BigInteger.Abs((BigInteger)value * mul);
            BigInteger rounded = (exact + div / 2) / div;
            if (value < 0)
            {
                rounded = -rounded;
            }

            if (BigInteger.Abs(rounded) < long.MaxValue)
            {
                Assert.Equal((long)rounded, FixedPoint.MulDivRound(value, mul, div));
            }
        }
    }

    [Fact]
    public void Zero_divisor_is_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => FixedPoint.DivRound(1, 0));
        Assert.Throws<ArgumentException>(() => FixedPoint.MulDivRound(1, 1, 0));
    }

    [Fact]
    public void Ratio_reduces_and_fits_large_terms_into_31_bits()
    {
        Ratio r = Ratio.FromLongs(4194304, 36 * 596);
        Assert.Equal(262144, r.Numerator);
        Assert.Equal(1341, r.Denominator);

        Ratio big = Ratio.FromLongs(1483524L * 1830000L, 1000L * 1721506L * 1000L);
        Assert.True(big.Numerator > 0 && big.Denominator > 0);
        double exact = 1483524.0 * 1830000.0 / (1000.0 * 1721506.0 * 1000.0);
        Assert.Equal(exact, big.Numerator / (double)big.Denominator, 9);
    }

    [Fact]
    public void Wrapping_counter_extends_a_16_bit_counter_across_many_wraps()
    {
        var counter = new WrappingCounter(16);
        Assert.Equal(0, counter.Update(65530));
        long total = 0;
        int raw = 65530;
        for (int i = 0; i < 1000; i++)
        {
            raw = (raw + 40_000) & 0xFFFF;
            total += 40_000;
            Assert.Equal(40_000, counter.Update(raw));
        }

        Assert.Equal(total, counter.Total);
    }
}
