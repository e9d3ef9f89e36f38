using IlmEnergy.Solana;
using IlmEnergy.Solana.Rpc;

namespace IlmEnergy.Payouts;

/// <summary>Progress of a payout run, for a progress bar.</summary>
public sealed record PayoutProgress(int ItemsPaid, int ItemsTotal, ulong AmountPaid, long? BatchId, string Message);

/// <summary>What a run did; <see cref="StoppedBecause"/> says why it ended early (cap reached, batch failed), null when all was paid.</summary>
public sealed record PayoutRunResult(int BatchesConfirmed, int ItemsPaid, ulong AmountPaid, int BatchesExpired, int BatchesFailed, string? StoppedBecause);

/// <summary>
/// The payout state machine. Reconcile every unfinished batch first; then, one batch at a time:
/// plan → build and sign → store (signature, raw bytes, last valid block height) → send → poll
/// getSignatureStatuses(searchTransactionHistory) and rebroadcast the same bytes until the batch is confirmed
/// (items paid) or the block height passed its last valid block height with the signature unknown (expired,
/// items released and planned again with a fresh blockhash). A transaction is only re-signed after the old one
/// provably can no longer land, so no entitlement is paid twice wherever the process stops.
/// </summary>
public sealed class PayoutSender(PayoutLedger ledger, ISolanaRpcClient rpc, ISigner treasury, PayoutOptions options,
    IPayoutFaults? faults = null, TimeProvider? time = null)
{
    private readonly IPayoutFaults _faults = faults ?? NoPayoutFaults.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TreasuryGuard _guard = new(rpc, options);
    private readonly Dictionary<PublicKey, bool> _hasAccount = [];

    /// <summary>Drives every unfinished batch to confirmed, expired or failed. Run at start, before any new batch.</summary>
    public async Task<PayoutRunResult> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        int confirmed = 0, expired = 0, failed = 0, items = 0;
        ulong amount = 0;
        foreach (var batch in ledger.UnfinishedBatches())
        {
            var done = await SettleAsync(batch, lastSent: null, cancellationToken);
            switch (done.Status)
            {
                case BatchStatus.Confirmed: confirmed++; items += done.Items.Count; amount += done.Total; break;
                case BatchStatus.Expired: expired++; break;
                case BatchStatus.Failed: failed++; break;
            }
        }
        return new PayoutRunResult(confirmed, items, amount, expired, failed, null);
    }

    /// <summary>Reconciles, checks the guards, then pays every pending entitlement batch by batch, within the caps.</summary>
    public async Task<PayoutRunResult> PayAsync(IProgress<PayoutProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var reconciled = await ReconcileAsync(cancellationToken);
        await _guard.CheckMintAsync(cancellationToken);
        var pending = ledger.PendingEntitlements();
        var windowStart = _time.GetUtcNow() - options.OutflowWindow;
        _guard.CheckRecipientCaps(pending, ledger.OutflowSince(windowStart).PerOwner);

        int confirmed = reconciled.BatchesConfirmed, expired = reconciled.BatchesExpired, failed = reconciled.BatchesFailed;
        int itemsPaid = 0, itemsTotal = pending.Count;
        ulong amountPaid = 0;
        progress?.Report(new PayoutProgress(0, itemsTotal, 0, null, $"{itemsTotal} entitlements pending"));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pending = ledger.PendingEntitlements();
            if (pending.Count == 0)
                return new PayoutRunResult(confirmed, itemsPaid, amountPaid, expired, failed, null);

            var (plan, reason) = await PlanNextAsync(pending, cancellationToken);
            if (plan is null)
            {
                if (confirmed == reconciled.BatchesConfirmed)
                    throw new PayoutRefusedException($"Refused. {reason} {pending.Count} entitlements stay pending; nothing was sent.");
                return new PayoutRunResult(confirmed, itemsPaid, amountPaid, expired, failed, reason);
            }
            await _guard.CheckFundsAsync(treasury.PublicKey, plan.Items, cancellationToken);

            var batch = await SignAsync(plan, cancellationToken);
            _faults.At(PayoutStep.AfterSign, batch.Id);
            // No simulation here: signed bytes must not leave this process before they are stored (a node that
            // broadcast them could land a payout the ledger does not know). The guards above cover the refusals; a
            // transaction that still fails on chain is atomic, lands as Failed and releases its items.
            ledger.StoreSigned(batch);
            _faults.At(PayoutStep.AfterStore, batch.Id);
            await BroadcastAsync(batch, cancellationToken);
            _faults.At(PayoutStep.AfterSend, batch.Id);
            batch = ledger.MarkSent(batch.Id);
            var lastSent = _time.GetUtcNow();

            var done = await SettleAsync(batch, lastSent, cancellationToken);
            switch (done.Status)
            {
                case BatchStatus.Confirmed:
                    confirmed++;
                    itemsPaid += done.Items.Count;
                    amountPaid += done.Total;
                    foreach (var item in done.Items) _hasAccount[item.Owner] = true;
                    progress?.Report(new PayoutProgress(itemsPaid, itemsTotal, amountPaid, done.Id, $"batch {done.Id} confirmed: {done.Signature}"));
                    break;
                case BatchStatus.Expired:
                    expired++;
                    progress?.Report(new PayoutProgress(itemsPaid, itemsTotal, amountPaid, done.Id, $"batch {done.Id} expired unlanded; replanning"));
                    break;
                default:
                    return new PayoutRunResult(confirmed, itemsPaid, amountPaid, expired, failed + 1, $"Batch {done.Id} failed on chain: {done.Error}. Its items are pending again; investigate before paying again.");
            }
        }
    }

    /// <summary>Every batch a pay run would send now, built (unsigned) with the latest blockhash. Stores and sends nothing.</summary>
    public async Task<DryRunReport> DryRunAsync(CancellationToken cancellationToken = default)
    {
        await _guard.CheckMintAsync(cancellationToken);
        var pending = ledger.PendingEntitlements().ToList();
        var windowStart = _time.GetUtcNow() - options.OutflowWindow;
        var outflow = ledger.OutflowSince(windowStart);
        _guard.CheckRecipientCaps(pending, outflow.PerOwner);
        var blockhash = await rpc.GetLatestBlockhashAsync(options.ConfirmationCommitment, cancellationToken);
        var rent = await rpc.GetMinimumBalanceForRentExemptionAsync(Solana.Instructions.TokenProgram.TokenAccountSize, cancellationToken);
        var allowance = options.OutflowCapPerWindow - Math.Min(options.OutflowCapPerWindow, outflow.Total);
        var batchId = ledger.NextBatchId();
        var transactions = new List<DryRunTransaction>();
        string? stop = null;
        while (pending.Count > 0)
        {
            var plan = await PlanAsync(pending, batchId, allowance, cancellationToken);
            if (plan.Plan is null)
            {
                stop = plan.Reason;
                break;
            }
            // Unsigned on purpose: printed signed bytes could be broadcast by anyone who sees them, outside the ledger.
            var message = Message.Compile(treasury.PublicKey, blockhash.Blockhash, BatchPlan.Instructions(treasury.PublicKey, options, plan.Plan.Items, plan.Plan.Memo));
            transactions.Add(new DryRunTransaction(plan.Plan, Convert.ToBase64String(new Transaction(message).Serialize()), BatchPlan.LamportsNeeded(options, plan.Plan.Items, rent)));
            allowance -= plan.Plan.Total;
            foreach (var item in plan.Plan.Items)
                pending.RemoveAll(e => e.SettlementId == item.SettlementId && e.Owner == item.Owner);
            batchId++;
        }
        var treasuryTokens = await TryTokenBalanceAsync(cancellationToken);
        var lamports = await rpc.GetBalanceAsync(treasury.PublicKey, options.ConfirmationCommitment, cancellationToken);
        return new DryRunReport(transactions, pending.Count, stop, treasuryTokens, lamports);
    }

    private async Task<ulong?> TryTokenBalanceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await rpc.GetTokenAccountBalanceAsync(options.TreasuryTokenAccount(treasury.PublicKey), options.ConfirmationCommitment, cancellationToken)).Amount;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    private Task<(BatchPlan? Plan, string? Reason)> PlanNextAsync(IReadOnlyList<Entitlement> pending, CancellationToken cancellationToken)
    {
        var outflow = ledger.OutflowSince(_time.GetUtcNow() - options.OutflowWindow).Total;
        var allowance = options.OutflowCapPerWindow - Math.Min(options.OutflowCapPerWindow, outflow);
        return PlanAsync(pending, ledger.NextBatchId(), allowance, cancellationToken);
    }

    private async Task<(BatchPlan? Plan, string? Reason)> PlanAsync(IReadOnlyList<Entitlement> pending, long batchId, ulong allowance, CancellationToken cancellationToken)
    {
        // Look up token accounts only for the owners that could go into this batch.
        var candidates = pending.Where(e => e.SettlementId == pending[0].SettlementId).Take(options.MaxRecipientsPerTransaction).Select(e => e.Owner).ToList();
        foreach (var owner in candidates.Where(o => !_hasAccount.ContainsKey(o)))
        {
            var ata = AssociatedTokenAccount.Derive(owner, options.Mint, options.TokenProgramId);
            _hasAccount[owner] = await rpc.GetAccountInfoAsync(ata, options.ConfirmationCommitment, cancellationToken) is not null;
        }
        var plan = BatchPlanner.PlanNext(pending, o => _hasAccount.GetValueOrDefault(o), treasury.PublicKey, options, batchId, allowance, out var reason);
        return (plan, reason);
    }

    private async Task<PayoutBatch> SignAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var blockhash = await rpc.GetLatestBlockhashAsync(options.ConfirmationCommitment, cancellationToken);
        var tx = Transaction.Create(treasury.PublicKey, blockhash.Blockhash, BatchPlan.Instructions(treasury.PublicKey, options, plan.Items, plan.Memo), treasury);
        if (tx.Size > Transaction.MaxSize)
            throw new InvalidOperationException($"Batch {plan.BatchId} is {tx.Size} bytes, over {Transaction.MaxSize}; the planner should have prevented this.");
        return new PayoutBatch(plan.BatchId, BatchStatus.Signed, tx.Id, tx.Serialize(), blockhash.Blockhash, blockhash.LastValidBlockHeight, plan.Memo,
            plan.Total, _time.GetUtcNow(), null, null, null, plan.Items);
    }

    /// <summary>Broadcasts the stored bytes, never new ones. Errors are not fatal: the status poll decides the outcome.</summary>
    private async Task BroadcastAsync(PayoutBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await rpc.SendTransactionAsync(batch.RawTransaction, new SendOptions { SkipPreflight = true }, cancellationToken);
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or TimeoutException)
        {
            // Lost or refused sends are retried by the resend timer until the blockhash expires.
        }
    }

    /// <summary>Polls one batch until confirmed, failed or expired, rebroadcasting its stored bytes on the resend interval.</summary>
    private async Task<PayoutBatch> SettleAsync(PayoutBatch batch, DateTimeOffset? lastSent, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Height first: anything that could land landed at or below lastValidBlockHeight, so if the height read here
            // is past it and the status read afterwards is still unknown, the transaction can never land.
            var height = await rpc.GetBlockHeightAsync(options.ConfirmationCommitment, cancellationToken);
            var status = (await rpc.GetSignatureStatusesAsync([batch.Signature], searchTransactionHistory: true, cancellationToken)).Single();
            if (status is not null)
            {
                // Act only at the configured commitment: a merely processed outcome can still be rolled back by a fork.
                if (options.ConfirmationCommitment == Commitment.Finalized ? status.IsFinalized : status.IsAtLeastConfirmed)
                {
                    if (status.Err is not null)
                        return ledger.MarkFailed(batch.Id, status.Err.ToString());
                    _faults.At(PayoutStep.BeforeConfirm, batch.Id);
                    return ledger.MarkConfirmed(batch.Id);
                }
            }
            else if (height > batch.LastValidBlockHeight)
            {
                return ledger.MarkExpired(batch.Id);
            }
            else if (lastSent is null || _time.GetUtcNow() - lastSent >= options.ResendInterval)
            {
                await BroadcastAsync(batch, cancellationToken);
                if (batch.Status == BatchStatus.Signed)
                    batch = ledger.MarkSent(batch.Id);
                lastSent = _time.GetUtcNow();
            }
            await Task.Delay(options.PollInterval, _time, cancellationToken);
        }
    }
}

/// <summary>One transaction a pay run would send: its plan, the unsigned wire bytes (base64) and the lamports it costs.</summary>
public sealed record DryRunTransaction(BatchPlan Plan, string UnsignedBase64, ulong Lamports);

/// <summary>The dry run: every transaction, what stays pending and why, and the treasury balances it was checked against.</summary>
public sealed record DryRunReport(IReadOnlyList<DryRunTransaction> Transactions, int LeftPending, string? StoppedBecause, ulong? TreasuryTokenBalance, ulong TreasuryLamports)
{
    public ulong TotalAmount => Transactions.Aggregate(0UL, (sum, t) => checked(sum + t.Plan.Total));

    public ulong TotalLamports => Transactions.Aggregate(0UL, (sum, t) => checked(sum + t.Lamports));

    public int Recipients => Transactions.Sum(t => t.Plan.Items.Count);
}
