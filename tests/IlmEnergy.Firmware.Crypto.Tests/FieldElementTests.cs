using System.Numerics;
using static IlmEnergy.Firmware.Crypto.Tests.BigNumbers;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>GF(2^255-19) limb arithmetic against exact BigInteger arithmetic.</summary>
public class FieldElementTests
{
    private static readonly BigInteger TwoTo255 = BigInteger.Pow(2, 255);

    /// <summary>Random values, plus the edges where carries and the final reduction are hardest.</summary>
    private static IEnumerable<BigInteger> Samples(int seed, int count)
    {
        yield return 0;
        yield return 1;
        yield return P - 1;
        yield return P;
        yield return P + 1;
        yield return TwoTo255 - 1;
        yield return BigInteger.Pow(2, 254);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return Random(random, 32) % TwoTo255;
        }
    }

    [Fact]
    public void Bytes_round_trip_to_the_canonical_value()
    {
        foreach (BigInteger value in Samples(1, 500))
        {
            Assert.Equal(value % P, Value(Element(value)));
        }
    }

    [Fact]
    public void FromBytes_ignores_the_top_bit()
    {
        byte[] s = ToBytes(12345, 32);
        s[31] |= 0x80;
        int[] h = FieldElement.Create();
        FieldElement.FromBytes(h, s, 0);
        Assert.Equal(12345, Value(h));
    }

    [Fact]
    public void Mul_and_Square_match_exact_products()
    {
        var random = new Random(2);
        BigInteger[] values = Samples(3, 400).ToArray();
        int[] h = FieldElement.Create();
        foreach (BigInteger a in values)
        {
            BigInteger b = values[random.Next(values.Length)];
            FieldElement.Mul(h, Element(a), Element(b));
            Assert.Equal(Mod(a * b), Value(h));
            FieldElement.Square(h, Element(a));
            Assert.Equal(Mod(a * a), Value(h));
            FieldElement.SquareDouble(h, Element(a));
            Assert.Equal(Mod(2 * a * a), Value(h));
        }
    }

    [Fact]
    public void Sums_and_differences_feed_multiplications_without_overflow()
    {
        // The group formulas multiply uncarried sums/differences of reduced elements; mimic that.
        var random = new Random(4);
        int[] sum = FieldElement.Create();
        int[] difference = FieldElement.Create();
        int[] h = FieldElement.Create();
        int[] a = Element(TwoTo255 - 1);
        int[] b = Element(TwoTo255 - 1);
        FieldElement.Mul(a, a, b);
        for (int i = 0; i < 2000; i++)
        {
            int[] c = Element(Random(random, 32) % TwoTo255);
            FieldElement.Mul(c, c, c);
            FieldElement.Add(sum, a, c);
            FieldElement.Sub(difference, a, c);
            FieldElement.Mul(h, sum, difference);
            Assert.Equal(Mod((Value(a) + Value(c)) * (Value(a) - Value(c))), Value(h));
            FieldElement.Neg(h, h);
            Assert.Equal(Mod(-(Value(a) + Value(c)) * (Value(a) - Value(c))), Value(h));
            FieldElement.Copy(a, h);
        }
    }

    [Fact]
    public void Long_multiplication_chains_stay_exact()
    {
        var random = new Random(5);
        BigInteger expected = Random(random, 32) % P;
        int[] x = Element(expected);
        for (int i = 0; i < 5000; i++)
        {
            BigInteger factor = Random(random, 32) % TwoTo255;
            FieldElement.Mul(x, x, Element(factor));
            FieldElement.Square(x, x);
            expected = Mod(expected * factor);
            expected = Mod(expected * expected);
        }

        Assert.Equal(expected, Value(x));
    }

    [Fact]
    public void Invert_and_Pow22523_match_Fermat()
    {
        int[] h = FieldElement.Create();
        foreach (BigInteger value in Samples(6, 60))
        {
            FieldElement.Invert(h, Element(value));
            Assert.Equal(BigInteger.ModPow(value % P, P - 2, P), Value(h));
            FieldElement.Pow22523(h, Element(value));
            Assert.Equal(BigInteger.ModPow(value % P, (P - 5) / 8, P), Value(h));
        }
    }

    [Fact]
    public void ConditionalMove_takes_the_source_only_for_choice_1()
    {
        int[] h = Element(111);
        FieldElement.ConditionalMove(h, Element(222), 0);
        Assert.Equal(111, Value(h));
        FieldElement.ConditionalMove(h, Element(222), 1);
        Assert.Equal(222, Value(h));
    }

    [Fact]
    public void IsNegative_and_IsZero_look_at_the_canonical_value()
    {
        Assert.Equal(1, FieldElement.IsNegative(Element(3)));
        Assert.Equal(0, FieldElement.IsNegative(Element(4)));
        Assert.Equal(1, FieldElement.IsNegative(Element(P + 1)));   // p + 1 reduces to 1: odd
        Assert.Equal(0, FieldElement.IsNegative(Element(P + 2)));   // p + 2 reduces to 2: even, though p + 2 is odd
        Assert.True(FieldElement.IsZero(Element(P)));
        Assert.True(FieldElement.IsZero(Element(0)));
        Assert.False(FieldElement.IsZero(Element(P + 2)));
    }

    [Fact]
    public void Curve_constants_are_d_2d_and_sqrt_minus_one()
    {
        Assert.Equal(D, Value(CurveConstants.D));
        Assert.Equal(Mod(2 * D), Value(CurveConstants.D2));
        BigInteger root = Value(CurveConstants.SqrtMinusOne);
        Assert.Equal(P - 1, Mod(root * root));
    }

    [Fact]
    public void Multiplications_are_counted()
    {
        CryptoStats.Reset();
        int[] h = FieldElement.Create();
        FieldElement.Mul(h, Element(2), Element(3));
        FieldElement.Square(h, h);
        FieldElement.SquareDouble(h, h);
        Assert.Equal(3, CryptoStats.FieldMultiplications);
        FieldElement.Invert(h, h);
        Assert.Equal(3 + 254 + 11, CryptoStats.FieldMultiplications);
    }
}
