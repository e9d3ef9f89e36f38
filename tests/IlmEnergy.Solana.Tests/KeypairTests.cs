namespace IlmEnergy.Solana.Tests;

public sealed class KeypairTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ilm-keypair-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Mnemonic_derives_the_wallet_that_phantom_and_the_cli_derive()
    {
        // "abandon ×11 about", no passphrase, m/44'/501'/0'/0': the address published in many wallet test suites.
        using var keypair = Keypair.FromMnemonic("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        Assert.Equal("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk", keypair.PublicKey.ToBase58());
        using var other = Keypair.FromMnemonic("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", account: 1);
        Assert.NotEqual(keypair.PublicKey, other.PublicKey);
    }

    [Fact]
    public void Rfc8032_test_1_seed_gives_its_public_key_and_signature()
    {
        // RFC 8032 §7.1 TEST 1 (empty message).
        using var keypair = Keypair.FromSeed(Hex.Bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Hex.Of(keypair.PublicKey.AsSpan()));
        Assert.Equal("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Hex.Of(keypair.Sign([])));
    }

    [Fact]
    public void Cli_file_round_trips_and_is_created_owner_only()
    {
        using var keypair = Keypair.Generate();
        var path = Path.Combine(_dir, "id.json");
        keypair.WriteToFile(path);

        var json = File.ReadAllText(path);
        Assert.StartsWith("[", json);
        Assert.Equal(64, json.Trim('[', ']').Split(',').Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        using var read = Keypair.ReadFromFile(path);
        Assert.Equal(keypair.PublicKey, read.PublicKey);
        Assert.Equal(keypair.ExportSecretKey(), read.ExportSecretKey());
    }

    [Fact]
    public void File_readable_by_others_is_refused_with_the_fix()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var keypair = Keypair.Generate();
        var path = Path.Combine(_dir, "leaky.json");
        keypair.WriteToFile(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var e = Assert.Throws<UnauthorizedAccessException>(() => Keypair.ReadFromFile(path));
        Assert.Contains("chmod 600", e.Message);
    }

    [Theory]
    [InlineData("[1,2,3]", "64 numbers")]
    [InlineData("{\"a\":1}", "JSON array")]
    [InlineData("not json", "JSON array")]
    public void Malformed_files_give_a_reason(string json, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Keypair.FromJson(json));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Secret_key_with_a_foreign_public_half_is_refused()
    {
        using var a = Keypair.Generate();
        using var b = Keypair.Generate();
        var secret = a.ExportSecretKey();
        b.PublicKey.AsSpan().CopyTo(secret.AsSpan(32));
        Assert.Throws<ArgumentException>(() => Keypair.FromSecretKey(secret));
    }

    [Fact]
    public void ToString_shows_the_address_and_never_the_secret()
    {
        using var keypair = Keypair.Generate();
        var text = keypair.ToString();
        Assert.Contains(keypair.PublicKey.ToBase58(), text);
        Assert.DoesNotContain(string.Join(",", keypair.ExportSecretKey().Take(8)), text);
        Assert.DoesNotContain(SimpleBase.Base58.Bitcoin.Encode(keypair.ExportSecretKey()), text);
    }

    [Fact]
    public void Signatures_verify_only_for_the_signed_message_and_key()
    {
        using var keypair = Keypair.Generate();
        var signature = keypair.Sign("payout"u8);
        Assert.True(Keypair.Verify(keypair.PublicKey, "payout"u8, signature));
        Assert.False(Keypair.Verify(keypair.PublicKey, "payoff"u8, signature));
        using var other = Keypair.Generate();
        Assert.False(Keypair.Verify(other.PublicKey, "payout"u8, signature));
    }
}
