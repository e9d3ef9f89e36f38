using System.Numerics;
using static IlmEnergy.Firmware.Crypto.Tests.BigNumbers;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>The two scalar multiplications and their digit recodings against textbook arithmetic.</summary>
public class ScalarMultiplicationTests
{
    private static readonly BigInteger TwoTo255 = BigInteger.Pow(2, 255);

    private static IEnumerable<BigInteger> Scalars()
    {
        yield return 0;
        yield return 1;
        yield return 8;
        yield return L - 1;
        yield return L;
        yield return TwoTo255 - 1;
        yield return BigInteger.Parse("0888888888888888888888888888888888888888888888888888888888888888", System.Globalization.NumberStyles.HexNumber);
        var random = new Random(21);
        for (int i = 0; i < 25; i++)
        {
            yield return Random(random, 32) % TwoTo255;
        }
    }

    [Fact]
    public void Signed_radix_16_digits_rebuild_the_scalar_and_stay_within_minus_8_to_8()
    {
        foreach (BigInteger scalar in Scalars())
        {
            int[] digits = BaseMultiplication.SignedRadix16(ToBytes(scalar, 32));
            BigInteger rebuilt = 0;
            for (int i = 63; i >= 0; i--)
            {
                Assert.InRange(digits[i], -8, 8);
                rebuilt = (rebuilt * 16) + digits[i];
            }

            Assert.Equal(scalar, rebuilt);
        }
    }

    [Fact]
    public void Width_5_NAF_rebuilds_the_scalar_with_sparse_odd_digits()
    {
        foreach (BigInteger scalar in Scalars().Where(s => s < BigInteger.Pow(2, 253)))
        {
            int[] digits = DoubleScalarMultiplication.NonAdjacentForm(ToBytes(scalar, 32));
            BigInteger rebuilt = 0;
            int lastNonZero = -5;
            for (int i = 0; i < 256; i++)
            {
                if (digits[i] != 0)
                {
                    Assert.True(digits[i] % 2 != 0 && Math.Abs(digits[i]) <= 15, "digit " + digits[i]);
                    Assert.True(i - lastNonZero >= 5, "non-zero digits too close at " + i);
                    lastNonZero = i;
                }

                rebuilt += digits[i] * BigInteger.Pow(2, i);
            }

            Assert.Equal(scalar, rebuilt);
        }
    }

    [Fact]
    public void Fixed_base_multiplication_matches_the_reference()
    {
        foreach (BigInteger scalar in Scalars())
        {
            var point = new ExtendedPoint();
            BaseMultiplication.Multiply(point, ToBytes(scalar, 32));
            byte[] encoded = new byte[32];
            PointEncoding.Encode(encoded, 0, point.X, point.Y, point.Z);

            var expected = ReferenceCurve.Multiply(scalar, ReferenceCurve.Base);
            Assert.Equal(Convert.ToHexString(ReferenceCurve.Encode(expected)), Convert.ToHexString(encoded));
        }
    }

    [Fact]
    public void Double_scalar_multiplication_matches_the_reference()
    {
        var random = new Random(22);
        var pointA = ReferenceCurve.Multiply(Random(random, 32) % L, ReferenceCurve.Base);
        byte[] encodedA = ReferenceCurve.Encode(pointA);
        var minusA = new ExtendedPoint();
        Assert.True(PointEncoding.TryDecodeNegated(minusA, encodedA));

        BigInteger[] scalars = Scalars().Where(s => s < L).ToArray();
        for (int i = 0; i < scalars.Length; i++)
        {
            BigInteger a = scalars[i];
            BigInteger b = scalars[(i * 7 + 3) % scalars.Length];
            var result = new ProjectivePoint();
            DoubleScalarMultiplication.Multiply(result, ToBytes(a, 32), minusA, ToBytes(b, 32));
            byte[] encoded = new byte[32];
            PointEncoding.Encode(encoded, 0, result.X, result.Y, result.Z);

            // [a](-A) + [b]B
            var expected = ReferenceCurve.Add(
                ReferenceCurve.Multiply(a, (Mod(-pointA.X), pointA.Y)),
                ReferenceCurve.Multiply(b, ReferenceCurve.Base));
            Assert.Equal(Convert.ToHexString(ReferenceCurve.Encode(expected)), Convert.ToHexString(encoded));
        }
    }
}
