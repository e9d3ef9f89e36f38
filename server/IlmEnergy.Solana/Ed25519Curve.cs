using System.Numerics;

namespace IlmEnergy.Solana;

/// <summary>
/// Decides whether 32 bytes decompress to a point on the Ed25519 curve, with the same rules as
/// curve25519-dalek's <c>CompressedEdwardsY::decompress</c>, which Solana uses to keep program
/// derived addresses off the curve: the top bit is the sign of x and is ignored for validity,
/// y is read as 255 bits and reduced mod p (non-canonical encodings are accepted), and the
/// point exists exactly when (y² − 1) / (d·y² + 1) is a square mod p.
/// </summary>
internal static class Ed25519Curve
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    // d = −121665 / 121666 mod p
    private static readonly BigInteger D = Mod(-121665 * BigInteger.ModPow(121666, P - 2, P));

    public static bool IsOnCurve(ReadOnlySpan<byte> compressed)
    {
        if (compressed.Length != 32)
            throw new ArgumentException("A compressed Ed25519 point is 32 bytes.", nameof(compressed));

        Span<byte> yBytes = stackalloc byte[32];
        compressed.CopyTo(yBytes);
        yBytes[31] &= 0x7F; // the sign bit of x is not part of y
        var y = Mod(new BigInteger(yBytes, isUnsigned: true, isBigEndian: false));

        var y2 = y * y % P;
        var u = Mod(y2 - 1);
        var v = Mod(D * y2 + 1);
        if (u.IsZero)
            return true; // x = 0 is a valid square root (y = ±1)

        // x² = u / v is solvable iff u·v is a square (u/v = u·v / v², and v ≠ 0 since −1/d is not a square).
        // The Jacobi symbol decides that without the two modular exponentiations of Euler's criterion.
        return Jacobi(u * v % P, P) == 1;
    }

    /// <summary>Jacobi symbol (a/n) for odd n by quadratic reciprocity; for prime n it is the Legendre symbol.</summary>
    private static int Jacobi(BigInteger a, BigInteger n)
    {
        var result = 1;
        a %= n;
        while (!a.IsZero)
        {
            var twos = (int)BigInteger.TrailingZeroCount(a);
            a >>= twos;
            if ((twos & 1) == 1 && (int)(n & 7) is 3 or 5)
                result = -result;
            (a, n) = (n, a);
            if ((int)(a & 3) == 3 && (int)(n & 3) == 3)
                result = -result;
            a %= n;
        }
        return n.IsOne ? result : 0;
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}
