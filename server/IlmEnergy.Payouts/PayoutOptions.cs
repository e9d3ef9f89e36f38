using IlmEnergy.Solana;
using IlmEnergy.Solana.Instructions;
using IlmEnergy.Solana.Rpc;

namespace IlmEnergy.Payouts;

/// <summary>Everything a payout run is configured by. <see cref="Validate"/> refuses nonsense before any key is read.</summary>
public sealed class PayoutOptions
{
    /// <summary>The SPL token mint paid out; the chain must agree on its <see cref="Decimals"/>.</summary>
    public required PublicKey Mint { get; init; }

    public required byte Decimals { get; init; }

    /// <summary>Solana CLI keypair file of the treasury (fee payer, token owner); must be mode 0600.</summary>
    public required string TreasuryKeyPath { get; init; }

    public required string LedgerPath { get; init; }

    public PublicKey TokenProgramId { get; init; } = TokenProgram.ProgramId;

    /// <summary>Upper bound on transfers per transaction; the 1232-byte limit usually binds first.</summary>
    public int MaxRecipientsPerTransaction { get; init; } = 20;

    /// <summary>Priority fee in micro-lamports per compute unit.</summary>
    public ulong ComputeUnitPrice { get; init; } = 1_000;

    /// <summary>Compute budget: a base plus a share per transfer and per token account created.</summary>
    public uint ComputeUnitsBase { get; init; } = 10_000;
    public uint ComputeUnitsPerTransfer { get; init; } = 10_000;
    public uint ComputeUnitsPerAccountCreation { get; init; } = 40_000;

    /// <summary>At most this many base units leave the treasury per <see cref="OutflowWindow"/> (in flight counts).</summary>
    public required ulong OutflowCapPerWindow { get; init; }

    public TimeSpan OutflowWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>At most this many base units to one owner per <see cref="OutflowWindow"/>.</summary>
    public required ulong PerRecipientCapPerWindow { get; init; }

    /// <summary>The commitment at which a batch counts as paid.</summary>
    public Commitment ConfirmationCommitment { get; init; } = Commitment.Confirmed;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the stored raw bytes are rebroadcast while a batch is unconfirmed.</summary>
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Lamports the treasury keeps for later fees on top of what a batch needs.</summary>
    public ulong MinimumSolReserveLamports { get; init; } = 10_000_000;

    public PublicKey TreasuryTokenAccount(PublicKey treasury) => AssociatedTokenAccount.Derive(treasury, Mint, TokenProgramId);

    public void Validate()
    {
        var errors = new List<string>();
        if (Decimals > 18) errors.Add($"Decimals must be 0-18, got {Decimals}.");
        if (string.IsNullOrWhiteSpace(TreasuryKeyPath)) errors.Add("TreasuryKeyPath is required.");
        if (string.IsNullOrWhiteSpace(LedgerPath)) errors.Add("LedgerPath is required.");
        if (TokenProgramId != TokenProgram.ProgramId && TokenProgramId != TokenProgram.Token2022ProgramId)
            errors.Add($"TokenProgramId must be SPL Token or Token-2022, got {TokenProgramId}.");
        if (MaxRecipientsPerTransaction is < 1 or > 30) errors.Add($"MaxRecipientsPerTransaction must be 1-30, got {MaxRecipientsPerTransaction}.");
        if (ComputeUnitPrice > 10_000_000) errors.Add($"ComputeUnitPrice {ComputeUnitPrice} µlamports/CU is implausibly high (max 10,000,000).");
        if (OutflowCapPerWindow == 0) errors.Add("OutflowCapPerWindow must be positive.");
        if (PerRecipientCapPerWindow == 0) errors.Add("PerRecipientCapPerWindow must be positive.");
        if (OutflowWindow <= TimeSpan.Zero) errors.Add("OutflowWindow must be positive.");
        if (PollInterval <= TimeSpan.Zero) errors.Add("PollInterval must be positive.");
        if (ResendInterval < PollInterval) errors.Add("ResendInterval must be at least PollInterval.");
        if (ConfirmationCommitment == Commitment.Processed) errors.Add("ConfirmationCommitment must be Confirmed or Finalized: processed transactions can still be dropped.");
        if (errors.Count > 0)
            throw new ArgumentException("Invalid payout options: " + string.Join(" ", errors));
    }
}
