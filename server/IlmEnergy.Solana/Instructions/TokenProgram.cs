using System.Buffers.Binary;

namespace IlmEnergy.Solana.Instructions;

/// <summary>SPL Token program instructions used by payouts (TransferChecked) and by tests (InitializeMint2, MintTo).</summary>
public static class TokenProgram
{
    public static readonly PublicKey ProgramId = new("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    public static readonly PublicKey Token2022ProgramId = new("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");

    /// <summary>Size of a mint account.</summary>
    public const int MintSize = 82;

    /// <summary>Size of a token account.</summary>
    public const int TokenAccountSize = 165;

    /// <summary>TransferChecked ([12, u64 amount, u8 decimals]): the program refuses the transfer if
    /// <paramref name="decimals"/> or <paramref name="mint"/> do not match, so a wrong mint or scale cannot pay out.</summary>
    public static TransactionInstruction TransferChecked(PublicKey source, PublicKey mint, PublicKey destination, PublicKey owner, ulong amount, byte decimals, PublicKey? tokenProgram = null)
    {
        var data = new byte[10];
        data[0] = 12;
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(1), amount);
        data[9] = decimals;
        return new TransactionInstruction(tokenProgram ?? ProgramId,
        [
            AccountMeta.Writable(source),
            AccountMeta.ReadOnly(mint),
            AccountMeta.Writable(destination),
            AccountMeta.ReadOnly(owner, isSigner: true),
        ], data);
    }

    /// <summary>InitializeMint2 ([20, u8 decimals, 32 mint authority, option freeze authority]); needs no rent sysvar.</summary>
    public static TransactionInstruction InitializeMint2(PublicKey mint, byte decimals, PublicKey mintAuthority, PublicKey? freezeAuthority = null, PublicKey? tokenProgram = null)
    {
        var data = new byte[2 + 32 + 1 + (freezeAuthority is null ? 0 : 32)];
        data[0] = 20;
        data[1] = decimals;
        mintAuthority.AsSpan().CopyTo(data.AsSpan(2));
        if (freezeAuthority is not null)
        {
            data[34] = 1;
            freezeAuthority.AsSpan().CopyTo(data.AsSpan(35));
        }
        return new TransactionInstruction(tokenProgram ?? ProgramId, [AccountMeta.Writable(mint)], data);
    }

    /// <summary>MintTo ([7, u64 amount]).</summary>
    public static TransactionInstruction MintTo(PublicKey mint, PublicKey destination, PublicKey mintAuthority, ulong amount, PublicKey? tokenProgram = null)
    {
        var data = new byte[9];
        data[0] = 7;
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(1), amount);
        return new TransactionInstruction(tokenProgram ?? ProgramId,
        [
            AccountMeta.Writable(mint),
            AccountMeta.Writable(destination),
            AccountMeta.ReadOnly(mintAuthority, isSigner: true),
        ], data);
    }
}
