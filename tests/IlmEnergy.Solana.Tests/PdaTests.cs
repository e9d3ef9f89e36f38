using System.Text;

namespace IlmEnergy.Solana.Tests;

public class PdaTests
{
    private static readonly PublicKey UpgradeableLoader = new("BPFLoaderUpgradeab1e11111111111111111111111");

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    // solana-sdk pubkey/address tests (test_create_program_address).
    [Fact]
    public void Create_program_address_matches_the_sdk_vectors()
    {
        var seedPubkey = new PublicKey("SeedPubey1111111111111111111111111111111111").ToArray();
        Assert.Equal("BwqrghZA2htAcqq8dzP1WDAhTXYTYWj7CHxF5j7TDBAe", Pda.CreateProgramAddress([[], [1]], UpgradeableLoader).ToBase58());
        Assert.Equal("13yWmRpaTR4r5nAktwLqMpRNr28tnVUZw26rTvPSSB19", Pda.CreateProgramAddress([Utf8("☉"), [0]], UpgradeableLoader).ToBase58());
        Assert.Equal("2fnQrngrQT4SeLcdToJAD96phoEjNL2man2kfRLCASVk", Pda.CreateProgramAddress([Utf8("Talking"), Utf8("Squirrels")], UpgradeableLoader).ToBase58());
        Assert.Equal("976ymqVnfE32QFe6NfGDctSvVa36LWnvYxhU6G2232YL", Pda.CreateProgramAddress([seedPubkey, [1]], UpgradeableLoader).ToBase58());
        Assert.NotEqual(Pda.CreateProgramAddress([Utf8("Talking")], UpgradeableLoader), Pda.CreateProgramAddress([Utf8("Talking"), Utf8("Squirrels")], UpgradeableLoader));
    }

    // Cross-implementation vector: @solana/kit 8.4.0 getProgramDerivedAddress(BPFLoaderUpgradeable, ["ilm-1"])
    // gives bump 252, i.e. bumps 255, 254 and 253 hash to points ON the curve and are skipped.
    [Fact]
    public void Find_program_address_skips_bumps_that_land_on_the_curve()
    {
        var seed = Utf8("ilm-1");
        var (address, bump) = Pda.FindProgramAddress([seed], UpgradeableLoader);
        Assert.Equal(252, bump);
        Assert.Equal("7ttXsgfkYbgPhyqx7BrVL9rbTk6V1GzceaxMtwxnreqQ", address.ToBase58());
        foreach (var onCurveBump in new byte[] { 255, 254, 253 })
        {
            Assert.False(Pda.TryCreateProgramAddress([seed, [onCurveBump]], UpgradeableLoader, out _));
            Assert.Throws<ArgumentException>(() => Pda.CreateProgramAddress([seed, [onCurveBump]], UpgradeableLoader));
        }
        Assert.Equal(address, Pda.CreateProgramAddress([seed, [252]], UpgradeableLoader));
        Assert.False(address.IsOnCurve);
    }

    [Fact]
    public void Find_program_address_takes_255_when_it_is_off_curve()
    {
        // Same source: "ilm-0" → bump 255.
        var (address, bump) = Pda.FindProgramAddress([Utf8("ilm-0")], UpgradeableLoader);
        Assert.Equal(255, bump);
        Assert.Equal("Gbn3ftFEFwDtarXCQDQhooGruTnNvHDGWDCRdx15tH3i", address.ToBase58());
    }

    [Fact]
    public void Seed_limits_are_enforced()
    {
        Assert.Throws<ArgumentException>(() => Pda.CreateProgramAddress([new byte[33]], UpgradeableLoader));
        Assert.Throws<ArgumentException>(() => Pda.CreateProgramAddress(Enumerable.Range(0, 17).Select(_ => new byte[1]).ToList(), UpgradeableLoader));
        Assert.Throws<ArgumentException>(() => Pda.FindProgramAddress(Enumerable.Range(0, 16).Select(_ => new byte[1]).ToList(), UpgradeableLoader));
    }
}
