using System.Numerics;
using NSec.Cryptography;
using static IlmEnergy.Firmware.Crypto.Tests.BigNumbers;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>
/// Verify follows libsodium's strict rules: each rejected case here is one a lax verifier accepts or
/// could be confused by, and each is checked against NSec as well.
/// </summary>
public class VerifyStrictnessTests
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private static readonly byte[] Seed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static readonly byte[] Message = "turn the heater down by 500 W"u8.ToArray();

    // libsodium's blocklist: encodings of points of order 1, 2, 4 and 8 (including non-canonical p and p+1).
    private static readonly string[] SmallOrderHex =
    {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };

    public static TheoryData<string> SmallOrderEncodings => new(SmallOrderHex);

    [Fact]
    public void The_blocklisted_encodings_really_are_small_order_points()
    {
        foreach (string hex in SmallOrderHex)
        {
            byte[] encoding = Convert.FromHexString(hex);
            var point = ReferenceCurve.RecoverPoint(FromBytes(encoding) % BigInteger.Pow(2, 255) % P, negativeX: false);
            Assert.NotNull(point);
            Assert.Equal(ReferenceCurve.Identity, ReferenceCurve.Multiply(8, point!.Value));
        }
    }

    [Fact]
    public void S_plus_L_satisfies_the_equation_but_is_rejected()
    {
        (byte[] publicKey, byte[] signature) = ValidSignature();
        BigInteger s = FromBytes(signature[32..]);
        byte[] malleable = (byte[])signature.Clone();
        ToBytes(s + L, 32).CopyTo(malleable, 32);

        // The group equation alone still holds for S + L (that is what makes it malleable)...
        Assert.True(GroupEquationHolds(publicKey, Message, malleable));

        // ...so only the S < L rule rejects it.
        Assert.False(Ed25519.Verify(publicKey, Message, malleable));
        Assert.False(Algorithm.Verify(ImportPublicKey(publicKey), Message, malleable));
    }

    [Theory]
    [InlineData("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")] // L
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // 2^256 - 1
    public void S_at_or_above_L_is_rejected(string sHex)
    {
        (byte[] publicKey, byte[] signature) = ValidSignature();
        Convert.FromHexString(sHex).CopyTo(signature, 32);
        Assert.False(Ed25519.Verify(publicKey, Message, signature));
    }

    [Fact]
    public void The_identity_key_with_a_trivial_signature_satisfies_the_equation_but_is_rejected()
    {
        // A = identity, R = identity, S = 0: [0]B = identity = R + [k]A for every message,
        // the classic "signature valid for everything" that a lax verifier accepts.
        byte[] identity = Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000");
        byte[] signature = new byte[64];
        identity.CopyTo(signature, 0);

        Assert.True(GroupEquationHolds(identity, Message, signature));
        Assert.False(Ed25519.Verify(identity, Message, signature));
        Assert.False(Algorithm.Verify(ImportPublicKey(identity), Message, signature));
    }

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void Small_order_R_or_A_is_rejected_with_either_sign_bit(string encodingHex)
    {
        (byte[] publicKey, byte[] signature) = ValidSignature();
        foreach (byte signBit in new byte[] { 0x00, 0x80 })
        {
            byte[] smallOrder = Convert.FromHexString(encodingHex);
            smallOrder[31] |= signBit;

            byte[] badR = (byte[])signature.Clone();
            smallOrder.CopyTo(badR, 0);
            Assert.False(Ed25519.Verify(publicKey, Message, badR));

            Assert.False(Ed25519.Verify(smallOrder, Message, signature));
            Assert.False(Ed25519.Verify(smallOrder, Message, new byte[64]));
        }
    }

    [Fact]
    public void A_non_canonical_public_key_is_rejected_although_it_decodes()
    {
        // y = p + t for a small t that is the y of a real point: the same point as y = t, spelled differently.
        int t = Enumerable.Range(2, 17).First(y => ReferenceCurve.RecoverPoint(y, false) is not null);
        byte[] nonCanonical = ToBytes(P + t, 32);

        Assert.False(PointEncoding.IsCanonical(nonCanonical, 0));
        Assert.True(PointEncoding.TryDecodeNegated(new ExtendedPoint(), nonCanonical));
        Assert.False(Ed25519.Verify(nonCanonical, Message, ValidSignature().Signature));
        Assert.True(PointEncoding.IsCanonical(ToBytes(t, 32), 0));
    }

    [Fact]
    public void A_public_key_off_the_curve_is_rejected()
    {
        int y = Enumerable.Range(2, 100).First(v => ReferenceCurve.RecoverPoint(v, false) is null);
        byte[] offCurve = ToBytes(y, 32);

        Assert.False(PointEncoding.TryDecodeNegated(new ExtendedPoint(), offCurve));
        Assert.False(Ed25519.Verify(offCurve, Message, ValidSignature().Signature));
    }

    [Fact]
    public void R_with_the_wrong_sign_bit_is_rejected()
    {
        (byte[] publicKey, byte[] signature) = ValidSignature();
        signature[31] ^= 0x80;
        Assert.False(Ed25519.Verify(publicKey, Message, signature));
    }

    [Fact]
    public void Wrong_lengths_nulls_and_bad_ranges_return_false()
    {
        (byte[] publicKey, byte[] signature) = ValidSignature();
        Assert.True(Ed25519.Verify(publicKey, Message, signature));

        Assert.False(Ed25519.Verify(null!, Message, signature));
        Assert.False(Ed25519.Verify(publicKey, null!, signature));
        Assert.False(Ed25519.Verify(publicKey, Message, null!));
        Assert.False(Ed25519.Verify(publicKey[..31], Message, signature));
        Assert.False(Ed25519.Verify([.. publicKey, 0], Message, signature));
        Assert.False(Ed25519.Verify(publicKey, Message, signature[..63]));
        Assert.False(Ed25519.Verify(publicKey, Message, [.. signature, 0]));
        Assert.False(Ed25519.Verify(publicKey, Message, -1, 3, signature));
        Assert.False(Ed25519.Verify(publicKey, Message, 0, Message.Length + 1, signature));
        Assert.False(Ed25519.Verify(publicKey, Message, Message.Length, -1, signature));
    }

    [Fact]
    public void Verify_with_offset_and_count_checks_exactly_that_window()
    {
        (byte[] publicKey, byte[] signature) = ValidSignature();
        byte[] framed = [0xAA, 0xBB, .. Message, 0xCC];
        Assert.True(Ed25519.Verify(publicKey, framed, 2, Message.Length, signature));
        Assert.False(Ed25519.Verify(publicKey, framed, 1, Message.Length, signature));
        Assert.Equal(signature, Ed25519.Sign(Seed, publicKey, framed, 2, Message.Length));
    }

    [Fact]
    public void Random_junk_never_throws_and_never_verifies()
    {
        var random = new Random(99);
        (byte[] realKey, _) = ValidSignature();
        for (int i = 0; i < 2000; i++)
        {
            byte[] publicKey = i % 2 == 0 ? RandomBytes(random, 32) : realKey;
            byte[] signature = RandomBytes(random, i % 10 == 0 ? random.Next(0, 100) : 64);
            if (i % 3 == 0 && signature.Length == 64)
            {
                signature[63] &= 0x0f;   // keep S below 2^252 so the curve arithmetic runs too
            }

            byte[] message = RandomBytes(random, random.Next(0, 200));
            Assert.False(Ed25519.Verify(publicKey, message, signature));
        }
    }

    [Fact]
    public void Sign_rejects_bad_arguments_with_argument_exceptions()
    {
        byte[] publicKey = Ed25519.PublicKeyFromSeed(Seed);
        Assert.Throws<ArgumentNullException>(() => Ed25519.Sign(null!, publicKey, Message));
        Assert.Throws<ArgumentException>(() => Ed25519.Sign(new byte[31], publicKey, Message));
        Assert.Throws<ArgumentException>(() => Ed25519.Sign(Seed, new byte[33], Message));
        Assert.Throws<ArgumentNullException>(() => Ed25519.Sign(Seed, publicKey, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ed25519.Sign(Seed, publicKey, Message, 5, Message.Length));
        Assert.Throws<ArgumentException>(() => Ed25519.PublicKeyFromSeed(new byte[16]));
    }

    private static (byte[] PublicKey, byte[] Signature) ValidSignature()
    {
        byte[] publicKey = Ed25519.PublicKeyFromSeed(Seed);
        return (publicKey, Ed25519.Sign(Seed, publicKey, Message));
    }

    /// <summary>[S]B == R + [k]A with k = H(R || A || M), in textbook arithmetic and with no encoding rules.</summary>
    private static bool GroupEquationHolds(byte[] publicKey, byte[] message, byte[] signature)
    {
        var a = ReferenceCurve.RecoverPoint(FromBytes(publicKey) % BigInteger.Pow(2, 255), (publicKey[31] & 0x80) != 0);
        var r = ReferenceCurve.RecoverPoint(FromBytes(signature[..32]) % BigInteger.Pow(2, 255), (signature[31] & 0x80) != 0);
        if (a is null || r is null)
        {
            return false;
        }

        BigInteger k = FromBytes(System.Security.Cryptography.SHA512.HashData([.. signature[..32], .. publicKey, .. message])) % L;
        var left = ReferenceCurve.Multiply(FromBytes(signature[32..]), ReferenceCurve.Base);
        var right = ReferenceCurve.Add(r.Value, ReferenceCurve.Multiply(k, a.Value));
        return left == right;
    }

    private static PublicKey ImportPublicKey(byte[] raw)
    {
        return PublicKey.Import(Algorithm, raw, KeyBlobFormat.RawPublicKey);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
