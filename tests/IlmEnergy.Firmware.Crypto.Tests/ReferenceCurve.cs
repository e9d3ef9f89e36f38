using System.Numerics;
using static IlmEnergy.Firmware.Crypto.Tests.BigNumbers;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>Textbook affine edwards25519 arithmetic with BigInteger, slow but obviously right.</summary>
internal static class ReferenceCurve
{
    public static readonly (BigInteger X, BigInteger Y) Identity = (0, 1);

    /// <summary>B = (x, 4/5) with x even (RFC 8032 §5.1).</summary>
    public static readonly (BigInteger X, BigInteger Y) Base = RecoverPoint(Mod(4 * Inverse(5)), negativeX: false)!.Value;

    public static (BigInteger X, BigInteger Y) Add((BigInteger X, BigInteger Y) p, (BigInteger X, BigInteger Y) q)
    {
        BigInteger t = Mod(D * p.X * q.X * p.Y * q.Y);
        BigInteger x = Mod((p.X * q.Y + p.Y * q.X) * Inverse(1 + t));
        BigInteger y = Mod((p.Y * q.Y + p.X * q.X) * Inverse(1 - t));
        return (x, y);
    }

    /// <summary>Double-and-add in extended coordinates (RFC 8032 §6's formulas), one inversion at the end.</summary>
    public static (BigInteger X, BigInteger Y) Multiply(BigInteger k, (BigInteger X, BigInteger Y) p)
    {
        var result = (X: BigInteger.Zero, Y: BigInteger.One, Z: BigInteger.One, T: BigInteger.Zero);
        var addend = (p.X, p.Y, Z: BigInteger.One, T: Mod(p.X * p.Y));
        while (k > 0)
        {
            if (!k.IsEven)
            {
                result = AddExtended(result, addend);
            }

            addend = AddExtended(addend, addend);
            k >>= 1;
        }

        BigInteger inverseZ = Inverse(result.Z);
        return (Mod(result.X * inverseZ), Mod(result.Y * inverseZ));
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) AddExtended(
        (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) p, (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) q)
    {
        BigInteger a = Mod((p.Y - p.X) * (q.Y - q.X));
        BigInteger b = Mod((p.Y + p.X) * (q.Y + q.X));
        BigInteger c = Mod(2 * p.T * q.T * D);
        BigInteger d = Mod(2 * p.Z * q.Z);
        BigInteger e = b - a, f = d - c, g = d + c, h = b + a;
        return (Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    /// <summary>The point with this y and x of the requested parity, or null if y is on no point.</summary>
    public static (BigInteger X, BigInteger Y)? RecoverPoint(BigInteger y, bool negativeX)
    {
        BigInteger xx = Mod((y * y - 1) * Inverse(D * y * y + 1));
        BigInteger x = BigInteger.ModPow(xx, (P + 3) / 8, P);
        if (Mod(x * x - xx) != 0)
        {
            x = Mod(x * BigInteger.ModPow(2, (P - 1) / 4, P));
        }

        if (Mod(x * x - xx) != 0)
        {
            return null;
        }

        if (!x.IsEven != negativeX)
        {
            x = Mod(-x);
        }

        return (x, y);
    }

    public static byte[] Encode((BigInteger X, BigInteger Y) point)
    {
        byte[] s = ToBytes(point.Y, 32);
        if (!point.X.IsEven)
        {
            s[31] |= 0x80;
        }

        return s;
    }
}
