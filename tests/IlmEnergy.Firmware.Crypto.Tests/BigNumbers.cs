using System.Numerics;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>Exact reference arithmetic for checking the limb code: field p, group order L, little-endian bytes.</summary>
internal static class BigNumbers
{
    public static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    public static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    public static readonly BigInteger D = Mod(-121665 * Inverse(121666));

    public static BigInteger Mod(BigInteger value) => ((value % P) + P) % P;

    public static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    public static BigInteger FromBytes(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    public static byte[] ToBytes(BigInteger value, int length)
    {
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        Assert.True(raw.Length <= length, "value too large for " + length + " bytes");
        byte[] result = new byte[length];
        raw.CopyTo(result, 0);
        return result;
    }

    public static BigInteger Random(Random random, int bytes)
    {
        byte[] data = new byte[bytes];
        random.NextBytes(data);
        return FromBytes(data);
    }

    /// <summary>A field element loaded from a value below 2^255 (it may be non-canonical, i.e. &gt;= p).</summary>
    public static int[] Element(BigInteger value)
    {
        int[] h = FieldElement.Create();
        FieldElement.FromBytes(h, ToBytes(value, 32), 0);
        return h;
    }

    /// <summary>The canonical value of a field element.</summary>
    public static BigInteger Value(int[] h)
    {
        byte[] s = new byte[32];
        FieldElement.ToBytes(s, 0, h);
        return FromBytes(s);
    }
}
