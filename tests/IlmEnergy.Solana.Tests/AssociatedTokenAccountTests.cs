using IlmEnergy.Solana.Instructions;

namespace IlmEnergy.Solana.Tests;

public class AssociatedTokenAccountTests
{
    [Theory]
    // USDC (mainnet mint EPjF…) — metaplex-foundation/Solana.Swift Tests/SolanaTests/AssociatedTokenProgramTests.swift
    [InlineData("3h1zGmCwsRJnVk5BuRNMLsPaQu1y2aqXqXDWYCgrp5UG", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", "3uetDDizgTtadDHZzyy9BqxrjQcozMEkxzbKhfZF4tG3")]
    // PYUSD (mainnet, Token-2022 mint 2b1k…) top holders — paulmillr/micro-sol-signer test/basic.test.ts "tokenAddress"
    [InlineData("22Wnk8PwyWZV7BfkZGJEKT9jGGdtvu7xY6EXeRh7zkBa", "2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo", "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb", "5nu6HDY7t1Ds8oPNsArrhb1rzvRqmGubyteyAUncFyNb")]
    [InlineData("BNXnu85Kt1VXSYYYNMXtRfRrscyETxcdsEiTLSToQYZa", "2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo", "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb", "8Ycmt6GTtXcmaTXXRZVLATBQHKKFRaFpD6DD4wx81M4")]
    // solana-program-library token/js test/unit/index.test.ts "getAssociatedTokenAddress"
    [InlineData("B8UwBUUnKwCyKuGMbFKWaG7exYdDk2ozZrPg72NyVbfj", "7o36UsWR1JQLpZ9PE2gn9L4SQ69CNNiWAXd4Jt7rqz9Z", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", "DShWnroshVbeUp28oopA3Pu7oFPDBtC1DBmPECXXAQ9n")]
    public void Published_associated_token_addresses(string owner, string mint, string tokenProgram, string expected) =>
        Assert.Equal(expected, AssociatedTokenAccount.Derive(new PublicKey(owner), new PublicKey(mint), new PublicKey(tokenProgram)).ToBase58());

    [Fact]
    public void Off_curve_owner_is_refused_unless_allowed()
    {
        // Same spl-token test: the ATA of an ATA throws TokenOwnerOffCurveError, or with allowOwnerOffCurve gives F3Dm….
        var ata = new PublicKey("DShWnroshVbeUp28oopA3Pu7oFPDBtC1DBmPECXXAQ9n");
        var mint = new PublicKey("7o36UsWR1JQLpZ9PE2gn9L4SQ69CNNiWAXd4Jt7rqz9Z");
        var e = Assert.Throws<ArgumentException>(() => AssociatedTokenAccount.Derive(ata, mint));
        Assert.Contains("off the Ed25519 curve", e.Message);
        Assert.Equal("F3DmXZFqkfEWFA7MN2vDPs813GeEWPaT6nLk4PSGuWJd", AssociatedTokenAccount.Derive(ata, mint, allowOwnerOffCurve: true).ToBase58());
    }

    [Fact]
    public void Default_token_program_is_spl_token()
    {
        var owner = new PublicKey("3h1zGmCwsRJnVk5BuRNMLsPaQu1y2aqXqXDWYCgrp5UG");
        var usdc = new PublicKey("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
        Assert.Equal(AssociatedTokenAccount.Derive(owner, usdc, TokenProgram.ProgramId), AssociatedTokenAccount.Derive(owner, usdc));
        Assert.NotEqual(AssociatedTokenAccount.Derive(owner, usdc, TokenProgram.Token2022ProgramId), AssociatedTokenAccount.Derive(owner, usdc));
    }
}
