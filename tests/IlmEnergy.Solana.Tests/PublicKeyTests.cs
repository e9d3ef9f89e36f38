namespace IlmEnergy.Solana.Tests;

public class PublicKeyTests
{
    [Fact]
    public void Base58_round_trips_and_compares_by_value()
    {
        var a = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
        var b = PublicKey.Parse("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
        Assert.Equal("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", a.ToString());
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new byte[32], new PublicKey("11111111111111111111111111111111").ToArray());
    }

    [Theory]
    [InlineData("", "32-44")]
    [InlineData("0OIl", "")] // characters outside the base58 alphabet
    [InlineData("3yZe7d", "bytes")] // valid base58, wrong length
    public void Invalid_addresses_give_a_format_error(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => new PublicKey(text));
        Assert.Contains(reason, e.Message);
        Assert.False(PublicKey.TryParse(text, out _));
    }

    // Point-decompression edge cases in the form curve25519-dalek (Solana's is_on_curve) decides them:
    // y = 0 and y = 1 decompress, the sign bit alone does not matter, non-canonical y (≥ p) is reduced.
    // Listed as "matches upstream bytes_are_curve_point" in a public Solana SDK port's tests.
    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("0101010101010101010101010101010101010101010101010101010101010101", true)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", true)]
    [InlineData("5866666666666666666666666666666666666666666666666666666666666666", true)] // the base point
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", true)] // y = p, non-canonical 0
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", true)] // y = p + 1
    [InlineData("0000000000000000000000000000000000000000000000000000000000000080", true)] // x = 0 with sign bit set
    [InlineData("df299516b500f8bd486b00b46686c8c5229a94539ffff63664c0890934d1ef4f", false)]
    [InlineData("1676e820cd6100968f689719f2af91083c36612aa3ad411cbfbdc30dc489ac2f", false)]
    [InlineData("7b90b08d7676d79df0ce8c4768991529b25d908dde3b6b99f2ef900163e935a8", false)]
    [InlineData("e2e7256451e07e1205f11ca96ef1c61b56e9c9eaa5ecb24d98c44bff08b5b5a5", true)]
    [InlineData("f6866ca10994a5c324e8cdaf99a389f4a83883022861c615063248822d7ea7e8", true)]
    [InlineData("4bf7fe7a76a5a9a514bffb0f92eeb3f2ddd8bd19f7ad4a3764b2c97f6ea5d4a4", true)]
    [InlineData("785e43a85294d8ce1d8c1ffc7434c24e0d02613b7371030e4065b2b3ae481b61", false)]
    [InlineData("c3b721b14c56a235bde44cbf1cac02cd3983c911538af7a3523bab1d3aa33fe7", false)]
    public void Is_on_curve_matches_dalek_decompression(string hex, bool onCurve) =>
        Assert.Equal(onCurve, new PublicKey(Hex.Bytes(hex)).IsOnCurve);

    [Fact]
    public void Real_keys_are_on_the_curve_and_pdas_are_not()
    {
        for (var i = 0; i < 20; i++)
        {
            using var keypair = Keypair.Generate();
            Assert.True(keypair.PublicKey.IsOnCurve);
        }
        Assert.False(new PublicKey("DShWnroshVbeUp28oopA3Pu7oFPDBtC1DBmPECXXAQ9n").IsOnCurve); // an ATA
    }

    [Fact]
    public void Is_on_curve_agrees_with_eulers_criterion_on_random_bytes()
    {
        // Independent reference: x² = u/v solvable ⟺ (u·v⁻¹)^((p−1)/2) = 1 or u = 0, with y reduced mod p.
        var p = System.Numerics.BigInteger.Pow(2, 255) - 19;
        System.Numerics.BigInteger Mod(System.Numerics.BigInteger x) => ((x % p) + p) % p;
        var d = Mod(-121665 * System.Numerics.BigInteger.ModPow(121666, p - 2, p));
        var random = new Random(501);
        var onCurve = 0;
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[32];
            random.NextBytes(bytes);
            var yBytes = (byte[])bytes.Clone();
            yBytes[31] &= 0x7F;
            var y = Mod(new System.Numerics.BigInteger(yBytes, isUnsigned: true));
            var u = Mod(y * y - 1);
            var v = Mod(d * y * y + 1);
            var expected = u.IsZero || System.Numerics.BigInteger.ModPow(u * System.Numerics.BigInteger.ModPow(v, p - 2, p) % p, (p - 1) / 2, p).IsOne;
            Assert.Equal(expected, new PublicKey(bytes).IsOnCurve);
            onCurve += expected ? 1 : 0;
        }
        Assert.InRange(onCurve, 100, 200); // about half of all y values are on the curve
    }
}
