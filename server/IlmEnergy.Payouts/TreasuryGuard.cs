using IlmEnergy.Solana;
using IlmEnergy.Solana.Instructions;
using IlmEnergy.Solana.Rpc;

namespace IlmEnergy.Payouts;

/// <summary>
/// The checks that must pass before anything is sent; each failure is a <see cref="PayoutRefusedException"/>
/// whose message says what is wrong and what to do. Reads the chain, changes nothing.
/// </summary>
public sealed class TreasuryGuard(ISolanaRpcClient rpc, PayoutOptions options)
{
    // SPL mint layout: COption<authority> 36, supply u64 at 36, decimals u8 at 44, is_initialized u8 at 45.
    private const int DecimalsOffset = 44;
    private const int InitializedOffset = 45;

    /// <summary>The configured mint exists, belongs to the configured token program, is initialised and has the configured decimals.</summary>
    public async Task CheckMintAsync(CancellationToken cancellationToken = default)
    {
        var mint = await rpc.GetAccountInfoAsync(options.Mint, options.ConfirmationCommitment, cancellationToken)
            ?? throw new PayoutRefusedException($"Refused: mint {options.Mint} does not exist on this cluster. Check Mint in the payout options and the RPC endpoint.");
        if (mint.Owner != options.TokenProgramId)
            throw new PayoutRefusedException($"Refused: account {options.Mint} belongs to program {mint.Owner}, not the token program {options.TokenProgramId}; it is not a mint of that program.");
        if (mint.Data.Length < TokenProgram.MintSize || mint.Data[InitializedOffset] != 1)
            throw new PayoutRefusedException($"Refused: account {options.Mint} is not an initialised token mint.");
        if (mint.Data[DecimalsOffset] != options.Decimals)
            throw new PayoutRefusedException($"Refused: mint {options.Mint} has {mint.Data[DecimalsOffset]} decimals but the payout options say {options.Decimals}; amounts would be off by a power of ten.");
    }

    /// <summary>No owner may receive more than the per-recipient cap in one window, counting what the window already paid or holds in flight.</summary>
    public void CheckRecipientCaps(IReadOnlyList<Entitlement> pending, IReadOnlyDictionary<PublicKey, ulong> windowOutflowPerOwner)
    {
        foreach (var owner in pending.GroupBy(e => e.Owner))
        {
            var due = owner.Aggregate(0UL, (sum, e) => checked(sum + e.Amount));
            var already = windowOutflowPerOwner.GetValueOrDefault(owner.Key);
            if (checked(due + already) > options.PerRecipientCapPerWindow)
                throw new PayoutRefusedException(
                    $"Refused: owner {owner.Key} is due {due} base units (plus {already} already paid in this {options.OutflowWindow} window), " +
                    $"over the per-recipient cap of {options.PerRecipientCapPerWindow}. Review the entitlement, or raise PerRecipientCapPerWindow deliberately. Nothing was sent.");
        }
    }

    /// <summary>The treasury's token account holds the batch total, and its SOL covers fees, rent and the reserve.</summary>
    public async Task CheckFundsAsync(PublicKey treasury, IReadOnlyList<BatchItem> items, CancellationToken cancellationToken = default)
    {
        var total = items.Aggregate(0UL, (sum, i) => checked(sum + i.Amount));
        var source = options.TreasuryTokenAccount(treasury);
        TokenAmount balance;
        try
        {
            balance = await rpc.GetTokenAccountBalanceAsync(source, options.ConfirmationCommitment, cancellationToken);
        }
        catch (RpcException e)
        {
            throw new PayoutRefusedException($"Refused: the treasury's token account {source} for mint {options.Mint} cannot be read ({e.RpcMessage}). Create and fund it first.");
        }
        if (balance.Amount < total)
            throw new PayoutRefusedException($"Refused: the treasury token account {source} holds {balance.Amount} base units, the batch needs {total}. Fund the treasury; nothing was sent.");

        var rent = await rpc.GetMinimumBalanceForRentExemptionAsync(TokenProgram.TokenAccountSize, cancellationToken);
        var lamportsNeeded = BatchPlan.LamportsNeeded(options, items, rent) + options.MinimumSolReserveLamports;
        var lamports = await rpc.GetBalanceAsync(treasury, options.ConfirmationCommitment, cancellationToken);
        if (lamports < lamportsNeeded)
            throw new PayoutRefusedException($"Refused: the treasury {treasury} has {lamports} lamports of SOL, fees and token account rent for this batch plus the reserve need {lamportsNeeded}. Send SOL to the treasury; nothing was sent.");
    }
}
