using System.Numerics;

namespace IlmEnergy.Protocol.Tests;

/// <summary>
/// Reference oracle for the library's fast key check, straight from RFC 8032 §5.1.3 in BigInteger
/// arithmetic: canonical y, full point decompression, and small order tested as [8]P = identity.
/// </summary>
public static class Ed25519Reference
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

    public static bool IsValid(ReadOnlySpan<byte> key, out string problem)
    {
        if (key.Length != 32)
        {
            problem = $"{key.Length} bytes, expected {32}";
            return false;
        }
        Span<byte> yBytes = stackalloc byte[32];
        key.CopyTo(yBytes);
        bool xIsOdd = (yBytes[31] & 0x80) != 0;
        yBytes[31] &= 0x7F;
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: false);
        if (y >= P)
        {
            problem = "non-canonical encoding (y ≥ 2^255-19)";
            return false;
        }

        // x² = (y² − 1) / (d·y² + 1)  (RFC 8032 §5.1.3, step 2)
        var y2 = y * y % P;
        var x2 = Mod((y2 - 1) * Inverse(Mod(D * y2 + 1)));
        BigInteger x;
        if (x2.IsZero)
        {
            if (xIsOdd)
            {
                problem = "non-canonical encoding (x = 0 with the sign bit set)";
                return false;
            }
            x = BigInteger.Zero;
        }
        else
        {
            if (BigInteger.ModPow(x2, (P - 1) / 2, P) != BigInteger.One)
            {
                problem = "not a point on edwards25519";
                return false;
            }
            x = BigInteger.ModPow(x2, (P + 3) / 8, P);
            if (x * x % P != x2)
                x = x * SqrtMinusOne % P;
            if (x.IsEven == xIsOdd)
                x = P - x;
        }

        // Small order ⇔ [8]P is the identity (0, 1).
        var (sx, sy) = (x, y);
        for (int i = 0; i < 3; i++)
            (sx, sy) = Add(sx, sy, sx, sy);
        if (sx.IsZero && sy.IsOne)
        {
            problem = "a small-order point";
            return false;
        }
        problem = "";
        return true;
    }

    // Complete twisted Edwards addition for a = −1 (RFC 8032 §5.1.4, affine form).
    private static (BigInteger X, BigInteger Y) Add(BigInteger x1, BigInteger y1, BigInteger x2, BigInteger y2)
    {
        var t = D * x1 % P * x2 % P * y1 % P * y2 % P;
        var x3 = (x1 * y2 + y1 * x2) % P * Inverse(Mod(1 + t)) % P;
        var y3 = (y1 * y2 + x1 * x2) % P * Inverse(Mod(1 - t)) % P;
        return (Mod(x3), Mod(y3));
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}
