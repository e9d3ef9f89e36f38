using System.Buffers.Binary;

namespace IlmEnergy.Solana.Instructions;

/// <summary>System program: SOL transfers and account creation (used by tests to set up mints).</summary>
public static class SystemProgram
{
    public static readonly PublicKey ProgramId = new("11111111111111111111111111111111");

    /// <summary>Transfer (u32 LE 2, u64 lamports).</summary>
    public static TransactionInstruction Transfer(PublicKey from, PublicKey to, ulong lamports)
    {
        var data = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 2);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(4), lamports);
        return new TransactionInstruction(ProgramId, [AccountMeta.Writable(from, true), AccountMeta.Writable(to)], data);
    }

    /// <summary>CreateAccount (u32 LE 0, u64 lamports, u64 space, 32-byte owner); the new account must sign.</summary>
    public static TransactionInstruction CreateAccount(PublicKey from, PublicKey newAccount, ulong lamports, ulong space, PublicKey owner)
    {
        var data = new byte[52];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(4), lamports);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(12), space);
        owner.AsSpan().CopyTo(data.AsSpan(20));
        return new TransactionInstruction(ProgramId, [AccountMeta.Writable(from, true), AccountMeta.Writable(newAccount, true)], data);
    }
}
