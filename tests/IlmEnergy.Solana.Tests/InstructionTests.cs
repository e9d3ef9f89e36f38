using IlmEnergy.Solana.Instructions;

namespace IlmEnergy.Solana.Tests;

public class InstructionTests
{
    private static readonly PublicKey A = new("7o36UsWR1JQLpZ9PE2gn9L4SQ69CNNiWAXd4Jt7rqz9Z");
    private static readonly PublicKey B = new("DShWnroshVbeUp28oopA3Pu7oFPDBtC1DBmPECXXAQ9n");
    private static readonly PublicKey C = new("Hozo7TadHq6PMMiGLGNvgk79Hvj5VTAM7Ny2bamQ2m8q");
    private static readonly PublicKey D = new("3ECJhLBQ9DAuKBKNjQGLEk3YqoFcF1YvhdayQ2C96eXF");

    [Fact]
    public void TransferChecked_matches_published_bytes_and_accounts()
    {
        // paulmillr/micro-sol-signer "transferChecked": amount 123, decimals 10 → 0c7b000000000000000a.
        var ix = TokenProgram.TransferChecked(A, B, C, D, 123, 10);
        Assert.Equal("0c7b000000000000000a", Hex.Of(ix.Data));
        Assert.Equal(TokenProgram.ProgramId, ix.ProgramId);
        Assert.Equal([new AccountMeta(A, false, true), new AccountMeta(B, false, false), new AccountMeta(C, false, true), new AccountMeta(D, true, false)], ix.Accounts);
        // spl token/program/src/instruction.rs test: TransferChecked { amount: 1, decimals: 2 } packs to [12,1,0,0,0,0,0,0,0,2].
        Assert.Equal(new byte[] { 12, 1, 0, 0, 0, 0, 0, 0, 0, 2 }, TokenProgram.TransferChecked(A, B, C, D, 1, 2).Data);
    }

    [Fact]
    public void CreateIdempotent_is_tag_1_with_the_ata_program_account_order()
    {
        // Account order as in the ATA client (payer, ata, wallet, mint, system, token program); the
        // micro-sol-signer "associatedToken" vector has the same keys with tag 0 (Create): 7o36 + Hozo → DShW.
        var ix = AssociatedTokenProgram.CreateIdempotent(D, C, A);
        Assert.Equal(new byte[] { 1 }, ix.Data);
        Assert.Equal(AssociatedTokenProgram.ProgramId, ix.ProgramId);
        var expectedAta = AssociatedTokenAccount.Derive(C, A);
        Assert.Equal(
            [new AccountMeta(D, true, true), new AccountMeta(expectedAta, false, true), new AccountMeta(C, false, false), new AccountMeta(A, false, false),
             new AccountMeta(SystemProgram.ProgramId, false, false), new AccountMeta(TokenProgram.ProgramId, false, false)],
            ix.Accounts);
    }

    [Fact]
    public void Compute_budget_layouts()
    {
        Assert.Equal("02c0270900", Hex.Of(ComputeBudgetProgram.SetComputeUnitLimit(600_000).Data)); // 600000 = 0x0927c0
        Assert.Equal("03a086010000000000", Hex.Of(ComputeBudgetProgram.SetComputeUnitPrice(100_000).Data));
        Assert.Empty(ComputeBudgetProgram.SetComputeUnitPrice(1).Accounts);
    }

    [Fact]
    public void Memo_mint_and_system_layouts()
    {
        Assert.Equal("dr1:42"u8.ToArray(), MemoProgram.Memo("dr1:42").Data);
        Assert.Equal([new AccountMeta(A, true, false)], MemoProgram.Memo("x", A).Accounts);
        // micro-sol-signer "mintTo": amount 123 → 077b00000000000000.
        Assert.Equal("077b00000000000000", Hex.Of(TokenProgram.MintTo(A, B, C, 123).Data));
        // InitializeMint2 = tag 20, then InitializeMint's body: decimals, authority, COption freeze.
        var init = TokenProgram.InitializeMint2(A, 2, B, B);
        Assert.Equal("1402" + Hex.Of(B.AsSpan()) + "01" + Hex.Of(B.AsSpan()), Hex.Of(init.Data));
        Assert.Equal(35, TokenProgram.InitializeMint2(A, 6, B).Data.Length);
        Assert.Equal("02000000e803000000000000", Hex.Of(SystemProgram.Transfer(A, B, 1000).Data));
        Assert.Equal(52, SystemProgram.CreateAccount(A, B, 1, 82, TokenProgram.ProgramId).Data.Length);
    }
}
