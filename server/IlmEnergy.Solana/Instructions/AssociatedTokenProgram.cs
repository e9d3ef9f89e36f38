namespace IlmEnergy.Solana.Instructions;

/// <summary>Associated Token Account program.</summary>
public static class AssociatedTokenProgram
{
    public static readonly PublicKey ProgramId = new("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");

    /// <summary>CreateIdempotent ([1]): creates the owner's ATA, or does nothing if it already exists,
    /// so a payout batch can always include it without a prior existence check racing the chain.</summary>
    public static TransactionInstruction CreateIdempotent(PublicKey payer, PublicKey owner, PublicKey mint, PublicKey? tokenProgram = null)
    {
        var program = tokenProgram ?? TokenProgram.ProgramId;
        var ata = AssociatedTokenAccount.Derive(owner, mint, program);
        return new TransactionInstruction(ProgramId,
        [
            AccountMeta.Writable(payer, isSigner: true),
            AccountMeta.Writable(ata),
            AccountMeta.ReadOnly(owner),
            AccountMeta.ReadOnly(mint),
            AccountMeta.ReadOnly(SystemProgram.ProgramId),
            AccountMeta.ReadOnly(program),
        ], [1]);
    }
}
