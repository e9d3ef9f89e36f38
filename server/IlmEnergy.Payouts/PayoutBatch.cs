using IlmEnergy.Solana;

namespace IlmEnergy.Payouts;

/// <summary>
/// Where a batch stands. Signed: stored with its raw bytes, maybe not yet broadcast. Sent: broadcast at
/// least once. Confirmed: landed without error at the configured commitment (its items are paid).
/// Expired: not found after its blockhash expired, so it can never land (its items are released).
/// Failed: landed with an error; the runtime rolled every transfer back (its items are released).
/// A batch that is only planned is never stored: until it is signed there is nothing to reconcile.
/// </summary>
public enum BatchStatus
{
    Signed,
    Sent,
    Confirmed,
    Expired,
    Failed,
}

/// <summary>One transfer of a batch: the entitlement it pays and whether the batch creates the owner's token account.</summary>
public sealed record BatchItem(string SettlementId, PublicKey Owner, ulong Amount, bool CreatesAccount)
{
    internal string Canonical(long batchId) => $"item|v1|{batchId}|{SettlementId}|{Owner}|{Amount}|{(CreatesAccount ? 1 : 0)}";
}

/// <summary>A signed payout transaction as the ledger stores it before it is sent.</summary>
public sealed record PayoutBatch(
    long Id,
    BatchStatus Status,
    string Signature,
    byte[] RawTransaction,
    string Blockhash,
    ulong LastValidBlockHeight,
    string Memo,
    ulong Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? ConfirmedAt,
    string? Error,
    IReadOnlyList<BatchItem> Items)
{
    /// <summary>Statuses that hold their items: such an item must not be planned again.</summary>
    public static bool Holds(BatchStatus status) => status is BatchStatus.Signed or BatchStatus.Sent or BatchStatus.Confirmed;

    public bool IsUnfinished => Status is BatchStatus.Signed or BatchStatus.Sent;
}

/// <summary>Where one entitlement stands, for status and partner export.</summary>
public enum PayoutState
{
    Pending,
    InFlight,
    Paid,
}

/// <summary>One entitlement with its payout state and, once batched, the batch and transaction signature.</summary>
public sealed record PayoutRow(string SettlementId, string SettlementDigest, PublicKey Owner, ulong Amount, PayoutState State, long? BatchId, string? Signature, DateTimeOffset? ConfirmedAt);

/// <summary>Outcome of an import: new rows added, identical rows already present.</summary>
public sealed record ImportResult(int Added, int AlreadyPresent);
