namespace IlmEnergy.Solana;

/// <summary>One account an instruction touches, and how.</summary>
public sealed record AccountMeta(PublicKey PublicKey, bool IsSigner, bool IsWritable)
{
    public static AccountMeta Writable(PublicKey key, bool isSigner = false) => new(key, isSigner, true);

    public static AccountMeta ReadOnly(PublicKey key, bool isSigner = false) => new(key, isSigner, false);
}

/// <summary>A call to one program: its accounts in the order the program expects, and its data.</summary>
public sealed record TransactionInstruction(PublicKey ProgramId, IReadOnlyList<AccountMeta> Accounts, byte[] Data);
