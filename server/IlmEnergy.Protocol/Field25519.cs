using System.Numerics;

namespace IlmEnergy.Protocol;

/// <summary>
/// Just enough arithmetic modulo p = 2²⁵⁵ − 19 to test whether a public key's y lies on edwards25519:
/// multiplication and one exponentiation (Euler's criterion). Four 64-bit limbs, little-endian; values are
/// kept below 2²⁵⁶ and only fully reduced for comparison. Not constant-time: it only handles public keys.
/// BigInteger would be simpler but costs ~0.3 ms per exponentiation, more than five signature checks.
/// </summary>
internal readonly struct Field25519 : IEquatable<Field25519>
{
    private readonly ulong _l0, _l1, _l2, _l3;

    private Field25519(ulong l0, ulong l1, ulong l2, ulong l3) => (_l0, _l1, _l2, _l3) = (l0, l1, l2, l3);

    public static readonly Field25519 Zero = new(0, 0, 0, 0);
    public static readonly Field25519 One = new(1, 0, 0, 0);
    private static readonly Field25519 P = new(0xFFFFFFFFFFFFFFED, ulong.MaxValue, ulong.MaxValue, 0x7FFFFFFFFFFFFFFF);

    /// <summary>Little-endian 32 bytes, as in an Ed25519 encoding (the caller clears the sign bit).</summary>
    public static Field25519 FromBytes(ReadOnlySpan<byte> bytes) => new(
        BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..16]),
        BitConverter.ToUInt64(bytes[16..24]), BitConverter.ToUInt64(bytes[24..32]));

    public static Field25519 FromBigInteger(BigInteger value)
    {
        var modulus = (BigInteger.One << 255) - 19;
        var reduced = value % modulus;
        if (reduced.Sign < 0)
            reduced += modulus;
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        reduced.TryWriteBytes(bytes, out _, isUnsigned: true);
        return FromBytes(bytes);
    }

    public static Field25519 operator +(Field25519 a, Field25519 b)
    {
        UInt128 s = (UInt128)a._l0 + b._l0;
        ulong r0 = (ulong)s;
        s = (s >> 64) + a._l1 + b._l1;
        ulong r1 = (ulong)s;
        s = (s >> 64) + a._l2 + b._l2;
        ulong r2 = (ulong)s;
        s = (s >> 64) + a._l3 + b._l3;
        return Fold(r0, r1, r2, (ulong)s, (ulong)(s >> 64));
    }

    public static Field25519 operator -(Field25519 a, Field25519 b) => a + Negate(b);

    public static Field25519 operator *(Field25519 a, Field25519 b)
    {
        // Schoolbook 256×256 → 512-bit product t0..t7, one row per limb of a (unrolled: this is the
        // whole cost of IsSquare, ~270 multiplications).
        ulong c;
        ulong t0 = MultiplyAdd(a._l0, b._l0, 0, 0, out c);
        ulong t1 = MultiplyAdd(a._l0, b._l1, 0, c, out c);
        ulong t2 = MultiplyAdd(a._l0, b._l2, 0, c, out c);
        ulong t3 = MultiplyAdd(a._l0, b._l3, 0, c, out c);
        ulong t4 = c;

        t1 = MultiplyAdd(a._l1, b._l0, t1, 0, out c);
        t2 = MultiplyAdd(a._l1, b._l1, t2, c, out c);
        t3 = MultiplyAdd(a._l1, b._l2, t3, c, out c);
        t4 = MultiplyAdd(a._l1, b._l3, t4, c, out c);
        ulong t5 = c;

        t2 = MultiplyAdd(a._l2, b._l0, t2, 0, out c);
        t3 = MultiplyAdd(a._l2, b._l1, t3, c, out c);
        t4 = MultiplyAdd(a._l2, b._l2, t4, c, out c);
        t5 = MultiplyAdd(a._l2, b._l3, t5, c, out c);
        ulong t6 = c;

        t3 = MultiplyAdd(a._l3, b._l0, t3, 0, out c);
        t4 = MultiplyAdd(a._l3, b._l1, t4, c, out c);
        t5 = MultiplyAdd(a._l3, b._l2, t5, c, out c);
        t6 = MultiplyAdd(a._l3, b._l3, t6, c, out c);
        ulong t7 = c;

        // 2²⁵⁶ ≡ 38 (mod p): fold the high half into the low half.
        ulong r0 = MultiplyAdd(t4, 38, t0, 0, out c);
        ulong r1 = MultiplyAdd(t5, 38, t1, c, out c);
        ulong r2 = MultiplyAdd(t6, 38, t2, c, out c);
        ulong r3 = MultiplyAdd(t7, 38, t3, c, out c);
        return Fold(r0, r1, r2, r3, c);
    }

    /// <summary>
    /// Euler's criterion: a^((p−1)/2) is 1 for non-zero squares, p−1 for non-squares, 0 for 0.
    /// (p−1)/2 = (2²⁵⁰ − 1)·2⁴ + 6, computed with the addition chain of ref10's inversion.
    /// </summary>
    public bool IsSquare()
    {
        var z = this;
        var z2 = z * z;
        var z9 = Square(z2, 2) * z;
        var z11 = z9 * z2;
        var z2_5 = z11 * z11 * z9;                  // z^(2^5 − 1) = z^31
        var z2_10 = Square(z2_5, 5) * z2_5;
        var z2_20 = Square(z2_10, 10) * z2_10;
        var z2_40 = Square(z2_20, 20) * z2_20;
        var z2_50 = Square(z2_40, 10) * z2_10;
        var z2_100 = Square(z2_50, 50) * z2_50;
        var z2_200 = Square(z2_100, 100) * z2_100;
        var z2_250 = Square(z2_200, 50) * z2_50;     // z^(2^250 − 1)
        var result = Square(z2_250, 4) * z2 * z2 * z2; // · z^6
        var r = result.Reduced();
        return r.Equals(One) || r.Equals(Zero);
    }

    private static Field25519 Square(Field25519 value, int times)
    {
        for (int i = 0; i < times; i++)
            value *= value;
        return value;
    }

    // a·b + add + carryIn as a 128-bit value: returns the low half, the high half goes to carryOut.
    private static ulong MultiplyAdd(ulong a, ulong b, ulong add, ulong carryIn, out ulong carryOut)
    {
        ulong high = Math.BigMul(a, b, out ulong low);
        low += add;
        high += low < add ? 1UL : 0UL;
        low += carryIn;
        high += low < carryIn ? 1UL : 0UL;
        carryOut = high;
        return low;
    }

    /// <summary>The canonical representative in [0, p).</summary>
    public Field25519 Reduced()
    {
        var r = this;
        while (Compare(r, P) >= 0)
            r = Subtract(r, P);
        return r;
    }

    public bool Equals(Field25519 other) => _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;

    public override bool Equals(object? obj) => obj is Field25519 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        BitConverter.TryWriteBytes(bytes[..8], _l0);
        BitConverter.TryWriteBytes(bytes[8..16], _l1);
        BitConverter.TryWriteBytes(bytes[16..24], _l2);
        BitConverter.TryWriteBytes(bytes[24..32], _l3);
        return new BigInteger(bytes, isUnsigned: true);
    }

    private static Field25519 Negate(Field25519 a) => Subtract(TwoP, a.Reduced());

    // 2p as a 256-bit value fits (2²⁵⁶ − 38); subtracting a reduced value from it never underflows.
    private static readonly Field25519 TwoP = new(0xFFFFFFFFFFFFFFDA, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    // value = r + top·2²⁵⁶ ≡ r + 38·top; at most two rounds bring it below 2²⁵⁶.
    private static Field25519 Fold(ulong r0, ulong r1, ulong r2, ulong r3, ulong top)
    {
        while (top != 0)
        {
            ulong c;
            r0 = MultiplyAdd(top, 38, r0, 0, out c);
            r1 = MultiplyAdd(0, 0, r1, c, out c);
            r2 = MultiplyAdd(0, 0, r2, c, out c);
            r3 = MultiplyAdd(0, 0, r3, c, out top);
        }
        return new Field25519(r0, r1, r2, r3);
    }

    private static Field25519 Subtract(Field25519 a, Field25519 b)
    {
        ulong borrow = 0;
        ulong r0 = Sub(a._l0, b._l0, ref borrow);
        ulong r1 = Sub(a._l1, b._l1, ref borrow);
        ulong r2 = Sub(a._l2, b._l2, ref borrow);
        ulong r3 = Sub(a._l3, b._l3, ref borrow);
        return new Field25519(r0, r1, r2, r3);
    }

    private static ulong Sub(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b - borrow;
        borrow = (a < b || (a == b && borrow == 1)) ? 1UL : 0UL;
        return d;
    }

    private static int Compare(Field25519 a, Field25519 b)
    {
        if (a._l3 != b._l3) return a._l3.CompareTo(b._l3);
        if (a._l2 != b._l2) return a._l2.CompareTo(b._l2);
        if (a._l1 != b._l1) return a._l1.CompareTo(b._l1);
        return a._l0.CompareTo(b._l0);
    }
}
