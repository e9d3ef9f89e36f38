using System.Numerics;
using static IlmEnergy.Firmware.Crypto.Tests.BigNumbers;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>Arithmetic mod L against BigInteger, including inputs at the top of their ranges.</summary>
public class ScalarTests
{
    private static readonly BigInteger TwoTo256 = BigInteger.Pow(2, 256);
    private static readonly BigInteger TwoTo512 = BigInteger.Pow(2, 512);

    private static IEnumerable<BigInteger> WideSamples()
    {
        yield return 0;
        yield return L - 1;
        yield return L;
        yield return L + 1;
        yield return (2 * L) - 1;
        yield return TwoTo256 - 1;
        yield return TwoTo512 - 1;
        yield return (TwoTo512 / L * L) - 1;
        yield return TwoTo512 / L * L;
        yield return BigInteger.Pow(2, 252);
        var random = new Random(11);
        for (int i = 0; i < 3000; i++)
        {
            // Mix fully random values with values just above or below multiples of L.
            BigInteger value = Random(random, 64);
            if (i % 3 == 1)
            {
                value = (value / L * L) + random.Next(-3, 4);
            }

            yield return BigInteger.Max(0, BigInteger.Min(value, TwoTo512 - 1));
        }
    }

    [Fact]
    public void Reduce_matches_mod_L()
    {
        foreach (BigInteger value in WideSamples())
        {
            byte[] reduced = Scalar.Reduce(ToBytes(value, 64));
            Assert.Equal(value % L, FromBytes(reduced));
        }
    }

    [Fact]
    public void MultiplyAdd_matches_mod_L_for_any_256_bit_inputs()
    {
        var random = new Random(12);
        BigInteger[] edges = { 0, 1, L - 1, L, TwoTo256 - 1 };
        for (int i = 0; i < 3000; i++)
        {
            BigInteger a = i < 125 ? edges[i % 5] : Random(random, 32);
            BigInteger b = i < 125 ? edges[i / 5 % 5] : Random(random, 32);
            BigInteger c = i < 125 ? edges[i / 25 % 5] : Random(random, 32);
            byte[] result = Scalar.MultiplyAdd(ToBytes(a, 32), ToBytes(b, 32), ToBytes(c, 32));
            Assert.Equal(((a * b) + c) % L, FromBytes(result));
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, true)]     // L - 1
    [InlineData(-2, false)]    // L
    [InlineData(-3, false)]    // L + 1
    [InlineData(-4, false)]    // 2^256 - 1
    [InlineData(-5, true)]     // 2^252 - 1
    public void IsCanonical_accepts_exactly_the_values_below_L(int selector, bool expected)
    {
        BigInteger value = selector switch
        {
            -1 => L - 1,
            -2 => L,
            -3 => L + 1,
            -4 => TwoTo256 - 1,
            -5 => BigInteger.Pow(2, 252) - 1,
            _ => selector,
        };
        byte[] buffer = new byte[40];
        ToBytes(value, 32).CopyTo(buffer, 5);
        Assert.Equal(expected, Scalar.IsCanonical(buffer, 5));
    }
}
