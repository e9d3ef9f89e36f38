using System.Buffers.Binary;

namespace IlmEnergy.Solana.Instructions;

/// <summary>Compute Budget program: the compute-unit cap and the priority fee of a transaction.</summary>
public static class ComputeBudgetProgram
{
    public static readonly PublicKey ProgramId = new("ComputeBudget111111111111111111111111111111");

    /// <summary>[2, u32 LE units]: the most compute the transaction may use (default 200k per instruction).</summary>
    public static TransactionInstruction SetComputeUnitLimit(uint units)
    {
        var data = new byte[5];
        data[0] = 2;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(1), units);
        return new TransactionInstruction(ProgramId, [], data);
    }

    /// <summary>[3, u64 LE micro-lamports per compute unit]: the priority fee rate.</summary>
    public static TransactionInstruction SetComputeUnitPrice(ulong microLamportsPerUnit)
    {
        var data = new byte[9];
        data[0] = 3;
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(1), microLamportsPerUnit);
        return new TransactionInstruction(ProgramId, [], data);
    }
}
