namespace IlmEnergy.Solana.Rpc;

/// <summary>How settled a state must be: processed (seen by the node), confirmed (supermajority voted), finalized (rooted).</summary>
public enum Commitment
{
    Processed,
    Confirmed,
    Finalized,
}

/// <summary>A blockhash to sign with, valid while the block height is at most <see cref="LastValidBlockHeight"/>.</summary>
public sealed record LatestBlockhash(string Blockhash, ulong LastValidBlockHeight, ulong ContextSlot);

/// <summary>Where a sent transaction stands. A null status (signature unknown) is returned as null, not as this type.</summary>
public sealed record SignatureStatus(ulong Slot, ulong? Confirmations, TransactionError? Err, string? ConfirmationStatus)
{
    public bool Succeeded => Err is null;

    public bool IsFinalized => ConfirmationStatus == "finalized";

    public bool IsAtLeastConfirmed => ConfirmationStatus is "confirmed" or "finalized";
}

/// <summary>An account as getAccountInfo returns it, with the data decoded from base64.</summary>
public sealed record AccountInfo(ulong Lamports, PublicKey Owner, byte[] Data, bool Executable, ulong? RentEpoch);

/// <summary>A token amount in base units (<see cref="Amount"/>) with its scale.</summary>
public sealed record TokenAmount(ulong Amount, byte Decimals, string UiAmountString);

/// <summary>One slot's minimum prioritization fee (micro-lamports per compute unit) for the queried accounts.</summary>
public sealed record PrioritizationFee(ulong Slot, ulong MicroLamportsPerComputeUnit);

/// <summary>The outcome of simulateTransaction: the error if it would fail, its logs and compute used.</summary>
public sealed record SimulationResult(TransactionError? Err, IReadOnlyList<string> Logs, ulong? UnitsConsumed, ulong ContextSlot);

/// <summary>A landed transaction as getTransaction returns it (base64 encoding).</summary>
public sealed record TransactionDetails(ulong Slot, long? BlockTime, TransactionError? Err, IReadOnlyList<string> LogMessages, ulong? Fee, byte[]? Wire);

/// <summary>Options of sendTransaction.</summary>
public sealed record SendOptions
{
    /// <summary>Skip the node's simulation. Payouts skip it after simulating themselves, so that a send whose
    /// answer is lost can be repeated without a preflight that would now report AlreadyProcessed.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>State the node simulates against; null uses the client's default commitment.</summary>
    public Commitment? PreflightCommitment { get; init; }

    /// <summary>How many times the node itself rebroadcasts; null leaves the node's default.</summary>
    public int? MaxRetries { get; init; }
}
