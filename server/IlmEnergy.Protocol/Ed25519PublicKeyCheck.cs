using System.Numerics;

namespace IlmEnergy.Protocol;

/// <summary>
/// Whether 32 bytes are a public key libsodium's verify accepts: a canonical encoding (y &lt; p) of a
/// point on edwards25519 that is not of small order (RFC 8032 §5.1.3). libsodium answers "false" for
/// such keys exactly as for a wrong signature; the protocol calls them <c>BadKeyId</c>.
/// Split in two so the hot path stays cheap: <see cref="HasValidForm"/> (byte compares) runs on every
/// message, <see cref="IsOnCurve"/> (one field exponentiation, ~10 µs) only after a verify failed.
/// </summary>
internal static class Ed25519PublicKeyCheck
{
    // d = −121665 / 121666 (mod p), the curve constant.
    private static readonly Field25519 D = ComputeD();

    // The eight small-order points have y ∈ {0, 1, −1, ±y8} (y8: the order-8 points), encoded little-endian.
    private static readonly byte[][] SmallOrderY =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("ECFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F"),
        Convert.FromHexString("C7176A703D4DD84FBA3C0B760D10670F2A2053FA2C39CCC64EC7FD7792AC037A"),
        Convert.FromHexString("26E8958FC2B227B045C3F489F2EF98F0D5DFAC05D3C63339B13802886D53FC05"),
    ];

    public static bool IsValid(ReadOnlySpan<byte> key, out string problem)
    {
        if (!HasValidForm(key, out problem))
            return false;
        if (IsOnCurve(key))
            return true;
        problem = "not a point on edwards25519";
        return false;
    }

    /// <summary>Length, canonical y, not a small-order point: byte compares only, it runs on every message.</summary>
    public static bool HasValidForm(ReadOnlySpan<byte> key, out string problem)
    {
        if (key.Length != ProtocolLimits.KeyBytes)
        {
            problem = $"{key.Length} bytes, expected {ProtocolLimits.KeyBytes}";
            return false;
        }
        Span<byte> y = stackalloc byte[ProtocolLimits.KeyBytes];
        key.CopyTo(y);
        y[31] &= 0x7F; // the top bit is the sign of x
        // y ≥ p = 2²⁵⁵ − 19 (little-endian ED FF … FF 7F) is a non-canonical encoding.
        if (y[31] == 0x7F && !y[1..31].ContainsAnyExcept((byte)0xFF) && y[0] >= 0xED)
        {
            problem = "non-canonical encoding (y >= 2^255-19)";
            return false;
        }
        foreach (var smallOrder in SmallOrderY)
        {
            if (y.SequenceEqual(smallOrder))
            {
                problem = "a small-order point";
                return false;
            }
        }
        problem = "";
        return true;
    }

    /// <summary>
    /// A y decodes to a point iff x² = (y² − 1) / (d·y² + 1) has a root, i.e. iff (y² − 1)(d·y² + 1)
    /// is a square (d·y² + 1 is never 0 because −1/d is not a square).
    /// </summary>
    public static bool IsOnCurve(ReadOnlySpan<byte> key)
    {
        var y = DecodeY(key);
        var y2 = y * y;
        return ((y2 - Field25519.One) * (D * y2 + Field25519.One)).IsSquare();
    }

    private static Field25519 DecodeY(ReadOnlySpan<byte> key)
    {
        Span<byte> y = stackalloc byte[ProtocolLimits.KeyBytes];
        key.CopyTo(y);
        y[31] &= 0x7F; // the top bit is the sign of x
        return Field25519.FromBytes(y);
    }

    private static Field25519 ComputeD()
    {
        var p = (BigInteger.One << 255) - 19;
        return Field25519.FromBigInteger(-121665 * BigInteger.ModPow(121666, p - 2, p));
    }
}
