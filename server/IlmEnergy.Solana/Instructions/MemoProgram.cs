using System.Text;

namespace IlmEnergy.Solana.Instructions;

/// <summary>SPL Memo v2: records UTF-8 text in the transaction's logs (e.g. the payout batch id or settlement digest).</summary>
public static class MemoProgram
{
    public static readonly PublicKey ProgramId = new("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");

    /// <param name="signers">Accounts that must sign the memo; none is needed for a plain note.</param>
    public static TransactionInstruction Memo(string text, params PublicKey[] signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TransactionInstruction(ProgramId,
            signers.Select(s => AccountMeta.ReadOnly(s, isSigner: true)).ToList(),
            Encoding.UTF8.GetBytes(text));
    }
}
