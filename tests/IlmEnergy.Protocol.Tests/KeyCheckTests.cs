using System.Numerics;

namespace IlmEnergy.Protocol.Tests;

/// <summary>The fast field arithmetic and key check agree with the BigInteger reference (RFC 8032).</summary>
public sealed class KeyCheckTests
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;

    [Fact]
    public void Field_arithmetic_matches_BigInteger()
    {
        var random = new Random(255);
        var bytes = new byte[32];
        BigInteger Next()
        {
            random.NextBytes(bytes);
            // Include values near 2^256 and near p to exercise the carries.
            return random.Next(4) switch
            {
                0 => (BigInteger.One << 256) - 1 - random.Next(100),
                1 => P - random.Next(100) + random.Next(100),
                _ => new BigInteger(bytes, isUnsigned: true),
            };
        }
        for (int n = 0; n < 3_000; n++)
        {
            var a = Next();
            var b = Next();
            var fa = Field25519.FromBigInteger(a);
            var fb = Field25519.FromBigInteger(b);
            Assert.Equal(Mod(a * b), (fa * fb).Reduced().ToBigInteger());
            Assert.Equal(Mod(a + b), (fa + fb).Reduced().ToBigInteger());
            Assert.Equal(Mod(a - b), (fa - fb).Reduced().ToBigInteger());
        }
    }

    [Fact]
    public void Euler_criterion_matches_BigInteger()
    {
        var random = new Random(8032);
        var bytes = new byte[32];
        int squares = 0;
        for (int n = 0; n < 300; n++)
        {
            random.NextBytes(bytes);
            var a = Mod(new BigInteger(bytes, isUnsigned: true));
            bool expected = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            Assert.Equal(expected, Field25519.FromBigInteger(a).IsSquare());
            squares += expected ? 1 : 0;
        }
        Assert.InRange(squares, 100, 200); // about half of all elements are squares
        Assert.True(Field25519.FromBigInteger(4).IsSquare());
        Assert.False(Field25519.FromBigInteger(2).IsSquare()); // 2 is a non-square mod p (p ≡ 5 mod 8)
    }

    [Fact]
    public void Key_check_agrees_with_the_reference_on_random_and_special_keys()
    {
        var random = new Random(19);
        var keys = new List<byte[]>();
        for (int n = 0; n < 400; n++)
        {
            var key = new byte[32];
            random.NextBytes(key);
            keys.Add(key);
        }
        foreach (string hex in new[]
        {
            "0100000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000080",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        })
        {
            keys.Add(Convert.FromHexString(hex));
        }
        for (byte seed = 1; seed < 30; seed++)
            keys.Add(TestEncoder.PublicKeyOf(TestEncoder.NewKey(seed)));

        int valid = 0;
        foreach (var key in keys)
        {
            bool expected = Ed25519Reference.IsValid(key, out string why);
            Assert.True(expected == Ed25519PublicKeyCheck.IsValid(key, out string problem),
                $"{Convert.ToHexString(key)}: reference says {expected} ({why}), fast check says {problem}");
            valid += expected ? 1 : 0;
        }
        Assert.InRange(valid, 150, 300);
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}
