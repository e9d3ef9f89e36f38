using System.Diagnostics;
using IlmEnergy.Solana;
using IlmEnergy.Solana.Rpc;
using IlmEnergy.Solana.Tests;
using Xunit.Abstractions;

namespace IlmEnergy.Payouts.Tests;

/// <summary>Payouts end to end on a real Solana runtime (litesvm): balances on chain must equal entitlements exactly.</summary>
[Collection(SolanaHarnessCollection.Name)]
public sealed class PayoutHarnessTests(SolanaHarnessFixture harness, ITestOutputHelper output)
{
    private static async Task AssertPaidExactlyAsync(PayoutChain chain, IReadOnlyList<Entitlement> entitlements, ulong supply)
    {
        foreach (var e in entitlements)
            Assert.Equal(e.Amount, await chain.TokenBalanceAsync(e.Owner));
        Assert.Equal(supply - entitlements.Aggregate(0UL, (s, e) => s + e.Amount), await chain.TreasuryTokensAsync());
    }

    [Fact]
    public async Task Pays_200_owners_with_and_without_token_accounts_exactly_and_with_the_memo()
    {
        const ulong supply = 1_000_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("event-2026-11-24", 200);
        await chain.CreateTokenAccountsAsync(entitlements.Where((_, i) => i % 2 == 0).Select(e => e.Owner)); // half already have one

        var ledger = chain.OpenLedger();
        Assert.Equal(new ImportResult(200, 0), ledger.Import(entitlements));
        var progress = new List<PayoutProgress>();
        var clock = Stopwatch.StartNew();
        var result = await chain.Sender(ledger).PayAsync(new SyncProgress(progress.Add));
        output.WriteLine($"200 owners paid in {result.BatchesConfirmed} transactions, {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Null(result.StoppedBecause);
        Assert.Equal(200, result.ItemsPaid);
        await AssertPaidExactlyAsync(chain, entitlements, supply);
        Assert.All(ledger.Rows(), r => Assert.Equal(PayoutState.Paid, r.State));
        Assert.Equal(200, progress[^1].ItemsPaid);

        var batches = ledger.Batches();
        Assert.Equal(result.BatchesConfirmed, batches.Count);
        Assert.All(batches, b => Assert.Equal(BatchStatus.Confirmed, b.Status));
        Assert.All(batches, b => Assert.InRange(b.RawTransaction.Length, 1, Transaction.MaxSize));
        Assert.Contains(batches, b => b.Items.Any(i => i.CreatesAccount) && b.Items.Any(i => !i.CreatesAccount));
        // Packing is bounded by size, not by a fixed small count.
        Assert.True(batches.Count <= 20, $"{batches.Count} batches for 200 recipients");
        output.WriteLine($"sizes: {string.Join(",", batches.Select(b => $"{b.Items.Count}r/{b.RawTransaction.Length}B"))}");
        foreach (var b in batches)
        {
            var landed = await chain.Rpc.GetTransactionAsync(b.Signature, Commitment.Confirmed);
            Assert.NotNull(landed);
            Assert.Null(landed.Err);
            Assert.Equal(b.RawTransaction, landed.Wire);
            Assert.Equal($"ilm:{PayoutChain.Digest("event-2026-11-24")[..16]}:{b.Id}", b.Memo);
            Assert.Contains($"Program log: {b.Memo}", landed.LogMessages);
        }

        // A second run finds nothing to pay and sends nothing.
        var again = await chain.Sender(ledger).PayAsync();
        Assert.Equal(0, again.ItemsPaid);
        Assert.Equal(batches.Count, ledger.Batches().Count);
        await AssertPaidExactlyAsync(chain, entitlements, supply);
    }

    [Theory]
    [InlineData(PayoutStep.AfterSign)]
    [InlineData(PayoutStep.AfterStore)]
    [InlineData(PayoutStep.AfterSend)]
    [InlineData(PayoutStep.BeforeConfirm)]
    public async Task A_crash_at_any_step_then_a_restart_pays_every_entitlement_exactly_once(PayoutStep step)
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("crash-" + step, 30);
        await chain.CreateTokenAccountsAsync(entitlements.Take(10).Select(e => e.Owner));

        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);
        var crash = new CrashAt(step, batchOrdinal: 2);
        await Assert.ThrowsAsync<SimulatedCrash>(() => chain.Sender(ledger, faults: crash).PayAsync());
        Assert.True(crash.Fired);
        var before = ledger.Batches();
        chain.Crash(ledger);
        output.WriteLine($"{step}: at the crash {string.Join(", ", before.Select(b => $"#{b.Id} {b.Status}"))}");

        var restarted = chain.OpenLedger();
        var result = await chain.Sender(restarted).PayAsync();
        Assert.Null(result.StoppedBecause);
        await AssertPaidExactlyAsync(chain, entitlements, supply);
        Assert.All(restarted.Rows(), r => Assert.Equal(PayoutState.Paid, r.State));
        // Every entitlement sits in exactly one confirmed batch, and nothing expired: the stored bytes were reused.
        var confirmedItems = restarted.Batches().Where(b => b.Status == BatchStatus.Confirmed).SelectMany(b => b.Items).ToList();
        Assert.Equal(30, confirmedItems.Count);
        Assert.Equal(30, confirmedItems.Select(i => i.Owner).Distinct().Count());
        Assert.DoesNotContain(restarted.Batches(), b => b.Status is BatchStatus.Expired or BatchStatus.Failed);
    }

    [Fact]
    public async Task A_batch_stored_but_never_landed_expires_on_restart_and_is_replanned_and_paid_once()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("expiry", 12);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);
        await Assert.ThrowsAsync<SimulatedCrash>(() => chain.Sender(ledger, faults: new CrashAt(PayoutStep.AfterStore)).PayAsync());
        var stranded = Assert.Single(ledger.Batches());
        Assert.Equal(BatchStatus.Signed, stranded.Status);
        chain.Crash(ledger);

        // Down for longer than a blockhash lives: the stored transaction can no longer land.
        await harness.HarnessAsync("harness_expireBlockhash");
        Assert.True(await chain.Rpc.GetBlockHeightAsync() > stranded.LastValidBlockHeight);

        var restarted = chain.OpenLedger();
        var result = await chain.Sender(restarted).PayAsync();
        Assert.Equal(1, result.BatchesExpired);
        await AssertPaidExactlyAsync(chain, entitlements, supply);
        var batches = restarted.Batches();
        Assert.Equal(BatchStatus.Expired, batches[0].Status);
        Assert.Null((await chain.Rpc.GetSignatureStatusesAsync([stranded.Signature], true)).Single());
        Assert.Equal(12, batches.Where(b => b.Status == BatchStatus.Confirmed).Sum(b => b.Items.Count));
        Assert.NotEqual(stranded.Blockhash, batches[1].Blockhash);
    }

    [Fact]
    public async Task A_batch_that_landed_before_a_crash_is_confirmed_on_restart_even_after_its_blockhash_expired()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("landed-then-expired", 8);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);
        await Assert.ThrowsAsync<SimulatedCrash>(() => chain.Sender(ledger, faults: new CrashAt(PayoutStep.AfterSend)).PayAsync());
        chain.Crash(ledger);
        await harness.HarnessAsync("harness_expireBlockhash"); // expired AND landed: must count as paid, not be replanned

        var restarted = chain.OpenLedger();
        var result = await chain.Sender(restarted).PayAsync();
        Assert.Equal(0, result.BatchesExpired);
        Assert.Equal(BatchStatus.Confirmed, Assert.Single(restarted.Batches()).Status);
        await AssertPaidExactlyAsync(chain, entitlements, supply);
    }

    [Fact]
    public async Task A_ledger_row_changed_by_hand_is_refused_and_nothing_is_sent()
    {
        using var chain = await PayoutChain.CreateAsync(harness, 1_000_000_000);
        var entitlements = PayoutChain.Entitlements("tamper", 5);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);
        using (var cmd = ledger.ConnectionForTests.CreateCommand())
        {
            cmd.CommandText = "UPDATE entitlements SET amount = amount * 100 WHERE owner = $o";
            cmd.Parameters.AddWithValue("$o", entitlements[2].Owner.ToBase58());
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        var e = await Assert.ThrowsAsync<LedgerTamperedException>(() => chain.Sender(ledger).PayAsync());
        Assert.Contains(entitlements[2].Owner.ToBase58(), e.Message);
        Assert.Contains("changed outside this program", e.Message);
        Assert.Empty(ledger.Batches());
        Assert.Equal(1_000_000_000UL, await chain.TreasuryTokensAsync());
    }

    [Fact]
    public async Task A_confirmed_batch_edited_back_to_expired_is_detected_instead_of_paying_again()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("tamper-batch", 4);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);
        await chain.Sender(ledger).PayAsync();
        using (var cmd = ledger.ConnectionForTests.CreateCommand())
        {
            cmd.CommandText = "UPDATE batches SET status = 'Expired'";
            cmd.ExecuteNonQuery();
        }
        var e = await Assert.ThrowsAsync<LedgerTamperedException>(() => chain.Sender(ledger).PayAsync());
        Assert.Contains("batches(id 1)", e.Message);
        await AssertPaidExactlyAsync(chain, entitlements, supply);
    }

    [Fact]
    public async Task A_wrong_mint_or_wrong_decimals_is_refused_and_nothing_is_sent()
    {
        using var chain = await PayoutChain.CreateAsync(harness, 1_000_000_000);
        var ledger = chain.OpenLedger();
        ledger.Import(PayoutChain.Entitlements("wrong-mint", 3));
        using var other = Keypair.Generate();

        var missing = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger, chain.Options(mint: other.PublicKey)).PayAsync());
        Assert.Contains($"mint {other.PublicKey} does not exist", missing.Message);
        var notMint = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger, chain.Options(mint: chain.Treasury.PublicKey)).PayAsync());
        Assert.Contains("not the token program", notMint.Message);
        var decimals = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger, chain.Options(decimals: 9)).PayAsync());
        Assert.Contains("has 6 decimals but the payout options say 9", decimals.Message);

        Assert.Empty(ledger.Batches());
        Assert.Equal(1_000_000_000UL, await chain.TreasuryTokensAsync());
    }

    [Fact]
    public async Task An_insufficient_treasury_is_refused_and_nothing_is_sent()
    {
        using var chain = await PayoutChain.CreateAsync(harness, supply: 2_000_000);
        var ledger = chain.OpenLedger();
        ledger.Import(PayoutChain.Entitlements("too-little", 3)); // 3 × ~1,000,000 > 2,000,000
        var e = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger).PayAsync());
        Assert.Contains("holds 2000000 base units, the batch needs 3000021", e.Message);
        Assert.Empty(ledger.Batches());
        Assert.Equal(2_000_000UL, await chain.TreasuryTokensAsync());
    }

    [Fact]
    public async Task Too_little_sol_for_fees_and_rent_is_refused_and_nothing_is_sent()
    {
        using var chain = await PayoutChain.CreateAsync(harness, 1_000_000_000, lamports: 20_000_000);
        var ledger = chain.OpenLedger();
        ledger.Import(PayoutChain.Entitlements("no-sol", 10)); // 10 token accounts to create ≈ 20 M lamports of rent
        var e = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger).PayAsync());
        Assert.Contains("lamports of SOL", e.Message);
        Assert.Empty(ledger.Batches());
    }

    [Fact]
    public async Task Caps_refuse_what_exceeds_them_and_the_outflow_cap_stops_a_run_part_way()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("caps", 20);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);

        var perRecipient = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger, chain.Options(perRecipientCap: 1_000_050)).PayAsync());
        Assert.Contains("over the per-recipient cap of 1000050", perRecipient.Message);
        var outflow = await Assert.ThrowsAsync<PayoutRefusedException>(() => chain.Sender(ledger, chain.Options(outflowCap: 999_999)).PayAsync());
        Assert.Contains("outflow cap allows 999999 more", outflow.Message);
        Assert.Empty(ledger.Batches());
        Assert.Equal(supply, await chain.TreasuryTokensAsync());

        // A cap of ~12.5 entitlements pays whole batches up to it, then stops and says why.
        var partial = await chain.Sender(ledger, chain.Options(outflowCap: 12_500_000)).PayAsync();
        Assert.NotNull(partial.StoppedBecause);
        Assert.Contains("outflow cap", partial.StoppedBecause);
        Assert.InRange(partial.AmountPaid, 1UL, 12_500_000UL);
        Assert.Equal(supply - partial.AmountPaid, await chain.TreasuryTokensAsync());
        Assert.Equal(20 - partial.ItemsPaid, ledger.PendingEntitlements().Count);
    }

    [Fact]
    public async Task Dry_run_lists_the_exact_transactions_and_totals_and_changes_nothing()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("dry", 40);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);

        var report = await chain.Sender(ledger).DryRunAsync();
        Assert.Equal(40, report.Recipients);
        Assert.Equal(entitlements.Aggregate(0UL, (s, e) => s + e.Amount), report.TotalAmount);
        Assert.Equal(supply, report.TreasuryTokenBalance);
        Assert.All(report.Transactions, t =>
        {
            var tx = Transaction.Deserialize(Convert.FromBase64String(t.UnsignedBase64));
            Assert.False(tx.IsFullySigned); // never printable as a sendable transaction
            Assert.InRange(tx.Size, 1, Transaction.MaxSize);
        });
        Assert.Empty(ledger.Batches());
        Assert.Equal(supply, await chain.TreasuryTokensAsync());

        // The real run sends the same plans.
        await chain.Sender(ledger).PayAsync();
        Assert.Equal(report.Transactions.Select(t => t.Plan.Memo), ledger.Batches().Select(b => b.Memo));
        Assert.Equal(report.Transactions.Select(t => t.Plan.Items.Count), ledger.Batches().Select(b => b.Items.Count));
    }

    [Fact]
    public async Task A_batch_that_fails_on_chain_releases_its_items_stops_the_run_and_a_later_run_pays_once()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var entitlements = PayoutChain.Entitlements("fails", 6);
        var ledger = chain.OpenLedger();
        ledger.Import(entitlements);

        // A compute budget far too small: the transaction lands, fails atomically and pays only its fee.
        var starved = new PayoutOptions
        {
            Mint = chain.Mint, Decimals = PayoutChain.Decimals, TreasuryKeyPath = "-", LedgerPath = chain.LedgerPath,
            OutflowCapPerWindow = ulong.MaxValue / 4, PerRecipientCapPerWindow = ulong.MaxValue / 4, ComputeUnitsBase = 100,
            ComputeUnitsPerTransfer = 10, ComputeUnitsPerAccountCreation = 10,
            PollInterval = TimeSpan.FromMilliseconds(5), ResendInterval = TimeSpan.FromMilliseconds(20), MinimumSolReserveLamports = 0,
        };
        var failed = await chain.Sender(ledger, starved).PayAsync();
        Assert.Equal(1, failed.BatchesFailed);
        Assert.Contains("failed on chain", failed.StoppedBecause);
        Assert.Equal(BatchStatus.Failed, Assert.Single(ledger.Batches()).Status);
        Assert.Equal(6, ledger.PendingEntitlements().Count);
        Assert.Equal(supply, await chain.TreasuryTokensAsync());

        await chain.Sender(ledger).PayAsync();
        await AssertPaidExactlyAsync(chain, entitlements, supply);
    }

    private sealed class SyncProgress(Action<PayoutProgress> report) : IProgress<PayoutProgress>
    {
        public void Report(PayoutProgress value) => report(value);
    }
}
