using IlmEnergy.Solana;
using IlmEnergy.Solana.Instructions;

namespace IlmEnergy.Payouts;

/// <summary>The next transaction's content: which entitlements it pays, its memo and its exact wire size.</summary>
public sealed record BatchPlan(long BatchId, string SettlementId, string Memo, IReadOnlyList<BatchItem> Items, int WireSize)
{
    public ulong Total => Items.Aggregate(0UL, (sum, i) => checked(sum + i.Amount));

    public int AccountsCreated => Items.Count(i => i.CreatesAccount);

    /// <summary>The memo every batch carries: the settlement digest prefix ties it to the audit bundle, the id to the ledger row.</summary>
    public static string MemoFor(string settlementDigest, long batchId) => $"ilm:{settlementDigest[..16]}:{batchId}";

    /// <summary>Compute budget, the memo, CreateIdempotent where the owner has no token account (treasury pays the rent),
    /// then one TransferChecked per item from the treasury's token account. The memo comes first so its log line
    /// survives the runtime's log truncation in a full transaction.</summary>
    public static IReadOnlyList<TransactionInstruction> Instructions(PublicKey treasury, PayoutOptions options, IReadOnlyList<BatchItem> items, string memo)
    {
        var source = options.TreasuryTokenAccount(treasury);
        var list = new List<TransactionInstruction>
        {
            ComputeBudgetProgram.SetComputeUnitLimit(ComputeUnitLimit(options, items)),
            ComputeBudgetProgram.SetComputeUnitPrice(options.ComputeUnitPrice),
            MemoProgram.Memo(memo),
        };
        list.AddRange(items.Where(i => i.CreatesAccount).Select(i => AssociatedTokenProgram.CreateIdempotent(treasury, i.Owner, options.Mint, options.TokenProgramId)));
        list.AddRange(items.Select(i => TokenProgram.TransferChecked(source, options.Mint, AssociatedTokenAccount.Derive(i.Owner, options.Mint, options.TokenProgramId),
            treasury, i.Amount, options.Decimals, options.TokenProgramId)));
        return list;
    }

    public static uint ComputeUnitLimit(PayoutOptions options, IReadOnlyList<BatchItem> items) =>
        (uint)Math.Min(1_400_000L, options.ComputeUnitsBase + (long)options.ComputeUnitsPerTransfer * items.Count
            + (long)options.ComputeUnitsPerAccountCreation * items.Count(i => i.CreatesAccount));

    /// <summary>Lamports the batch costs the treasury: 5000 per signature, the priority fee, and rent for each account it creates.</summary>
    public static ulong LamportsNeeded(PayoutOptions options, IReadOnlyList<BatchItem> items, ulong tokenAccountRent) =>
        5_000UL + (ulong)Math.Ceiling(options.ComputeUnitPrice * (double)ComputeUnitLimit(options, items) / 1_000_000d)
        + tokenAccountRent * (ulong)items.Count(i => i.CreatesAccount);
}
