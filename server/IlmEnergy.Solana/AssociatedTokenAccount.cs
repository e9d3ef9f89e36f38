namespace IlmEnergy.Solana;

/// <summary>
/// The associated token account (ATA) of a wallet for a mint: the PDA of the ATA program with seeds
/// [wallet, token program, mint]. Every wallet has exactly one per mint and token program.
/// </summary>
public static class AssociatedTokenAccount
{
    /// <param name="allowOwnerOffCurve">False (the default) refuses an owner that is itself a PDA, such as
    /// another token account: tokens sent to an ATA of an ATA are lost to a wallet that pasted the wrong
    /// address. Pass true only for owners that are program accounts on purpose.</param>
    public static PublicKey Derive(PublicKey owner, PublicKey mint, PublicKey? tokenProgram = null, bool allowOwnerOffCurve = false)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(mint);
        if (!allowOwnerOffCurve && !owner.IsOnCurve)
            throw new ArgumentException($"Owner {owner} is off the Ed25519 curve (a program address, maybe a token account), so no wallet can sign for it.", nameof(owner));
        var program = tokenProgram ?? Instructions.TokenProgram.ProgramId;
        return Pda.FindProgramAddress([owner.ToArray(), program.ToArray(), mint.ToArray()], Instructions.AssociatedTokenProgram.ProgramId).Address;
    }
}
