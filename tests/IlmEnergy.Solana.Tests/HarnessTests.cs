using IlmEnergy.Solana.Instructions;
using IlmEnergy.Solana.Rpc;
using Xunit.Abstractions;

namespace IlmEnergy.Solana.Tests;

/// <summary>
/// End to end against a real Solana runtime: the SPL Token and ATA programs in litesvm execute the
/// wire bytes built here, after @solana/kit's transaction decoder has parsed them.
/// </summary>
[Collection(SolanaHarnessCollection.Name)]
public sealed class HarnessTests(SolanaHarnessFixture harness, ITestOutputHelper output) : IDisposable
{
    private const byte Decimals = 6;
    private readonly Keypair _treasury = Keypair.Generate();
    private readonly Keypair _mint = Keypair.Generate();

    private ISolanaRpcClient Rpc => harness.Rpc;

    public void Dispose()
    {
        _treasury.Dispose();
        _mint.Dispose();
    }

    /// <summary>Funds the treasury, creates a 6-decimal mint it controls, and mints <paramref name="supply"/> to its ATA.</summary>
    private async Task<PublicKey> SetUpTreasuryAsync(ulong supply)
    {
        await Rpc.RequestAirdropAsync(_treasury.PublicKey, 10_000_000_000);
        var rent = await Rpc.GetMinimumBalanceForRentExemptionAsync(TokenProgram.MintSize);
        await SendAsync([
            SystemProgram.CreateAccount(_treasury.PublicKey, _mint.PublicKey, rent, TokenProgram.MintSize, TokenProgram.ProgramId),
            TokenProgram.InitializeMint2(_mint.PublicKey, Decimals, _treasury.PublicKey),
        ], _treasury, _mint);

        var treasuryAta = AssociatedTokenAccount.Derive(_treasury.PublicKey, _mint.PublicKey);
        await SendAsync([
            AssociatedTokenProgram.CreateIdempotent(_treasury.PublicKey, _treasury.PublicKey, _mint.PublicKey),
            TokenProgram.MintTo(_mint.PublicKey, treasuryAta, _treasury.PublicKey, supply),
        ], _treasury);
        return treasuryAta;
    }

    private async Task<Transaction> BuildAsync(IEnumerable<TransactionInstruction> instructions, params ISigner[] signers)
    {
        var blockhash = await Rpc.GetLatestBlockhashAsync();
        return Transaction.Create(signers[0].PublicKey, blockhash.Blockhash, instructions, signers);
    }

    private async Task<string> SendAsync(IEnumerable<TransactionInstruction> instructions, params ISigner[] signers)
    {
        var tx = await BuildAsync(instructions, signers);
        return await Rpc.SendTransactionAsync(tx.Serialize());
    }

    private TransactionInstruction[] Payout(PublicKey treasuryAta, PublicKey owner, ulong amount, string memo) =>
    [
        ComputeBudgetProgram.SetComputeUnitLimit(100_000),
        ComputeBudgetProgram.SetComputeUnitPrice(5_000),
        AssociatedTokenProgram.CreateIdempotent(_treasury.PublicKey, owner, _mint.PublicKey),
        TokenProgram.TransferChecked(treasuryAta, _mint.PublicKey, AssociatedTokenAccount.Derive(owner, _mint.PublicKey), _treasury.PublicKey, amount, Decimals),
        MemoProgram.Memo(memo),
    ];

    [Fact]
    public async Task Payout_with_compute_budget_ata_transfer_and_memo_lands_with_exact_balances()
    {
        const ulong supply = 1_000_000_000_000;
        const ulong amount = 12_345_678; // 12.345678 tokens
        var treasuryAta = await SetUpTreasuryAsync(supply);
        using var recipient = Keypair.Generate(); // a brand-new wallet: no SOL, no token account
        // Next slot, so the payout is alone in its slot and getRecentPrioritizationFees (a per-slot minimum) shows its price.
        await harness.HarnessAsync("harness_warp", 1);

        var tx = await BuildAsync(Payout(treasuryAta, recipient.PublicKey, amount, "dr1:batch-42"), _treasury);
        output.WriteLine($"payout transaction: {tx.Size} bytes, {tx.Message.AccountKeys.Count} keys");
        Assert.InRange(tx.Size, 1, Transaction.MaxSize);

        var simulation = await Rpc.SimulateTransactionAsync(tx.Serialize());
        Assert.Null(simulation.Err);
        output.WriteLine($"simulated compute units: {simulation.UnitsConsumed}");
        Assert.InRange(simulation.UnitsConsumed ?? 0, 1UL, 100_000UL);

        // As the payout ledger will: skip preflight after our own simulation, then reconcile by status.
        var signature = await Rpc.SendTransactionAsync(tx.Serialize(), new SendOptions { SkipPreflight = true });
        Assert.Equal(tx.Id, signature);

        var recipientAta = AssociatedTokenAccount.Derive(recipient.PublicKey, _mint.PublicKey);
        var received = await Rpc.GetTokenAccountBalanceAsync(recipientAta);
        Assert.Equal(amount, received.Amount);
        Assert.Equal(Decimals, received.Decimals);
        Assert.Equal("12.345678", received.UiAmountString);
        Assert.Equal(supply - amount, (await Rpc.GetTokenAccountBalanceAsync(treasuryAta)).Amount);

        var status = (await Rpc.GetSignatureStatusesAsync([signature], searchTransactionHistory: true)).Single();
        Assert.NotNull(status);
        Assert.True(status.Succeeded);
        Assert.Equal("confirmed", status.ConfirmationStatus);

        var landed = await Rpc.GetTransactionAsync(signature, Commitment.Confirmed);
        Assert.NotNull(landed);
        // SPL Memo logs "Memo (len N)" then the text.
        Assert.Contains("Program log: Memo (len 12)", landed.LogMessages);
        Assert.Contains("Program log: dr1:batch-42", landed.LogMessages);
        Assert.Equal(tx.Serialize(), landed.Wire);
        Assert.Equal(5000UL + 500UL, landed.Fee); // 1 signature + 5000 µlamports × 100k CU

        // Finality comes with depth, as on a cluster; the harness advances slots on request.
        Assert.Null(await Rpc.GetTransactionAsync(signature, Commitment.Finalized));
        await harness.HarnessAsync("harness_warp", 32);
        Assert.True((await Rpc.GetSignatureStatusesAsync([signature])).Single()!.IsFinalized);

        // The recipient ATA really is the SPL token account of that owner and mint.
        var account = await Rpc.GetAccountInfoAsync(recipientAta);
        Assert.NotNull(account);
        Assert.Equal(TokenProgram.ProgramId, account.Owner);
        Assert.Equal(TokenProgram.TokenAccountSize, account.Data.Length);
        Assert.Equal(_mint.PublicKey, new PublicKey(account.Data.AsSpan(0, 32)));
        Assert.Equal(recipient.PublicKey, new PublicKey(account.Data.AsSpan(32, 32)));

        var fees = await Rpc.GetRecentPrioritizationFeesAsync([treasuryAta]);
        Assert.Contains(fees, f => f.Slot == status.Slot && f.MicroLamportsPerComputeUnit == 5_000);
    }

    [Fact]
    public async Task Repeating_a_payout_is_idempotent_and_a_second_create_idempotent_is_harmless()
    {
        var treasuryAta = await SetUpTreasuryAsync(1_000_000);
        using var recipient = Keypair.Generate();
        var tx = await BuildAsync(Payout(treasuryAta, recipient.PublicKey, 1_000, "dr1:1"), _treasury);

        var first = await Rpc.SendTransactionAsync(tx.Serialize());
        var again = await Rpc.SendTransactionAsync(tx.Serialize()); // AlreadyProcessed → same signature
        var againSkipping = await Rpc.SendTransactionAsync(tx.Serialize(), new SendOptions { SkipPreflight = true });
        Assert.Equal(first, again);
        Assert.Equal(first, againSkipping);

        // A second batch to the same owner: its ATA now exists, CreateIdempotent is a no-op.
        await SendAsync(Payout(treasuryAta, recipient.PublicKey, 500, "dr1:2"), _treasury);
        Assert.Equal(1_500UL, (await Rpc.GetTokenAccountBalanceAsync(AssociatedTokenAccount.Derive(recipient.PublicKey, _mint.PublicKey))).Amount);
    }

    [Fact]
    public async Task Insufficient_token_funds_surface_as_the_runtime_error()
    {
        var treasuryAta = await SetUpTreasuryAsync(1_000);
        using var recipient = Keypair.Generate();

        // Preflight: the node's simulation fails and reports the SPL Token error (Custom 1 = InsufficientFunds).
        var tx = await BuildAsync(Payout(treasuryAta, recipient.PublicKey, 1_001, "dr1:too-much"), _treasury);
        var e = await Assert.ThrowsAsync<RpcException>(() => Rpc.SendTransactionAsync(tx.Serialize()));
        Assert.Equal(RpcException.SendTransactionPreflightFailure, e.Code);
        Assert.Equal("InstructionError", e.TransactionError!.Kind);
        Assert.Equal(3, e.TransactionError.InstructionIndex); // the TransferChecked
        Assert.Equal(1u, e.TransactionError.CustomCode);
        Assert.Contains(e.Logs, l => l.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"preflight: {e.Message}");

        // Without preflight the transaction lands, fails, pays its fee, and its status carries the error.
        var skipped = await BuildAsync(Payout(treasuryAta, recipient.PublicKey, 1_002, "dr1:too-much-2"), _treasury);
        var signature = await Rpc.SendTransactionAsync(skipped.Serialize(), new SendOptions { SkipPreflight = true });
        var status = (await Rpc.GetSignatureStatusesAsync([signature], true)).Single();
        Assert.NotNull(status);
        Assert.False(status.Succeeded);
        Assert.Equal("InstructionError(3, Custom 1)", status.Err!.ToString());
        Assert.Equal(1_000UL, (await Rpc.GetTokenAccountBalanceAsync(treasuryAta)).Amount);
    }

    [Fact]
    public async Task Expired_blockhash_is_reported_and_the_transaction_never_lands()
    {
        var treasuryAta = await SetUpTreasuryAsync(1_000_000);
        using var recipient = Keypair.Generate();
        var blockhash = await Rpc.GetLatestBlockhashAsync();
        var stale = Transaction.Create(_treasury.PublicKey, blockhash.Blockhash, Payout(treasuryAta, recipient.PublicKey, 10, "dr1:late"), _treasury);

        await harness.HarnessAsync("harness_expireBlockhash");
        var height = await Rpc.GetBlockHeightAsync();
        Assert.True(height > blockhash.LastValidBlockHeight, $"height {height} should be past {blockhash.LastValidBlockHeight}");

        var e = await Assert.ThrowsAsync<RpcException>(() => Rpc.SendTransactionAsync(stale.Serialize()));
        Assert.True(e.TransactionError!.IsBlockhashNotFound, e.Message);

        // Skipping preflight the node accepts the bytes but drops them: the status stays unknown,
        // which together with height > lastValidBlockHeight is the ledger's proof it is safe to re-plan.
        var signature = await Rpc.SendTransactionAsync(stale.Serialize(), new SendOptions { SkipPreflight = true });
        Assert.Null((await Rpc.GetSignatureStatusesAsync([signature], searchTransactionHistory: true)).Single());
        Assert.Equal(1_000_000UL, (await Rpc.GetTokenAccountBalanceAsync(treasuryAta)).Amount);

        // Re-signed with a fresh blockhash, the same payout goes through.
        await SendAsync(Payout(treasuryAta, recipient.PublicKey, 10, "dr1:late"), _treasury);
        Assert.Equal(10UL, (await Rpc.GetTokenAccountBalanceAsync(AssociatedTokenAccount.Derive(recipient.PublicKey, _mint.PublicKey))).Amount);
    }

    [Fact]
    public async Task Oversized_or_malformed_transactions_are_refused_by_the_node()
    {
        await Rpc.RequestAirdropAsync(_treasury.PublicKey, 1_000_000_000);
        var big = await BuildAsync([MemoProgram.Memo(new string('x', 1200))], _treasury);
        Assert.True(big.Size > Transaction.MaxSize);
        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => Rpc.SendTransactionAsync(big.Serialize()));
        Assert.Equal(RpcException.InvalidParams, tooLarge.Code);
        Assert.Contains("too large", tooLarge.RpcMessage);

        var garbage = await Assert.ThrowsAsync<RpcException>(() => Rpc.SendTransactionAsync([1, 2, 3]));
        Assert.Equal(RpcException.InvalidParams, garbage.Code);
    }

    [Fact]
    public async Task Account_and_balance_reads_match_the_runtime()
    {
        Assert.Null(await Rpc.GetAccountInfoAsync(_treasury.PublicKey));
        Assert.Equal(0UL, await Rpc.GetBalanceAsync(_treasury.PublicKey));
        await SetUpTreasuryAsync(5);
        var balance = await Rpc.GetBalanceAsync(_treasury.PublicKey);
        Assert.InRange(balance, 9_990_000_000UL, 10_000_000_000UL - 1); // rent and fees paid

        var mint = await Rpc.GetAccountInfoAsync(_mint.PublicKey);
        Assert.NotNull(mint);
        Assert.Equal(TokenProgram.ProgramId, mint.Owner);
        Assert.Equal(TokenProgram.MintSize, mint.Data.Length);
        Assert.Equal(Decimals, mint.Data[44]);
        Assert.Equal(await Rpc.GetMinimumBalanceForRentExemptionAsync(TokenProgram.MintSize), mint.Lamports);

        var notToken = await Assert.ThrowsAsync<RpcException>(() => Rpc.GetTokenAccountBalanceAsync(_treasury.PublicKey));
        Assert.Equal(RpcException.InvalidParams, notToken.Code);
    }
}
