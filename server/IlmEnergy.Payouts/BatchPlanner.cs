using IlmEnergy.Solana;

namespace IlmEnergy.Payouts;

/// <summary>
/// Pure: picks the pending entitlements of the next transaction. One settlement per batch (its digest goes in the
/// memo), in ledger order, as many as fit under 1232 bytes (measured by compiling the real message), the recipient
/// limit and the outflow allowance left in the window.
/// </summary>
public static class BatchPlanner
{
    // Any 32-byte blockhash gives the same size; the real one is only known at signing time.
    private const string SizingBlockhash = "11111111111111111111111111111111";

    /// <param name="hasTokenAccount">Whether the owner's token account already exists (no CreateIdempotent needed).</param>
    /// <param name="outflowAllowance">Base units that may still leave the treasury in the current window.</param>
    /// <returns>The plan, or null when nothing pending fits (see <paramref name="reason"/>).</returns>
    public static BatchPlan? PlanNext(IReadOnlyList<Entitlement> pending, Func<PublicKey, bool> hasTokenAccount, PublicKey treasury,
        PayoutOptions options, long batchId, ulong outflowAllowance, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(pending);
        reason = null;
        if (pending.Count == 0)
        {
            reason = "Nothing is pending.";
            return null;
        }
        var settlement = pending[0];
        var memo = BatchPlan.MemoFor(settlement.SettlementDigest, batchId);
        var items = new List<BatchItem>();
        ulong total = 0;
        var size = 0;
        foreach (var e in pending.Where(p => p.SettlementId == settlement.SettlementId))
        {
            if (items.Count == options.MaxRecipientsPerTransaction)
                break;
            if (total + e.Amount > outflowAllowance)
            {
                reason ??= $"The outflow cap allows {outflowAllowance} more base units in this window; paying {e.Owner} ({e.Amount}) would exceed it.";
                break;
            }
            var candidate = new List<BatchItem>(items) { new(e.SettlementId, e.Owner, e.Amount, !hasTokenAccount(e.Owner)) };
            var candidateSize = WireSize(treasury, options, candidate, memo);
            if (candidateSize > Transaction.MaxSize)
                break;
            items = candidate;
            total += e.Amount;
            size = candidateSize;
        }
        return items.Count == 0 ? null : new BatchPlan(batchId, settlement.SettlementId, memo, items, size);
    }

    public static int WireSize(PublicKey treasury, PayoutOptions options, IReadOnlyList<BatchItem> items, string memo) =>
        new Transaction(Message.Compile(treasury, SizingBlockhash, BatchPlan.Instructions(treasury, options, items, memo))).Size;
}
