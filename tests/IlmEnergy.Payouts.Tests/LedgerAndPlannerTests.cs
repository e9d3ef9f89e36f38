using IlmEnergy.Solana;
using IlmEnergy.Solana.Instructions;

namespace IlmEnergy.Payouts.Tests;

/// <summary>Import rules, the planner's packing and the CSV formats, without a chain.</summary>
public sealed class LedgerAndPlannerTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ilm-ledger-{Guid.NewGuid():N}.db");
    private readonly Keypair _treasury = Keypair.Generate();
    private readonly Keypair _mint = Keypair.Generate();

    private PayoutOptions Options(int maxRecipients = 30) => new()
    {
        Mint = _mint.PublicKey, Decimals = 6, TreasuryKeyPath = "k", LedgerPath = _path,
        OutflowCapPerWindow = 1, PerRecipientCapPerWindow = 1, MaxRecipientsPerTransaction = maxRecipients,
    };

    public void Dispose()
    {
        _treasury.Dispose();
        _mint.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    [Fact]
    public void Import_is_idempotent_per_settlement_and_owner_and_refuses_a_changed_amount_whole()
    {
        var rows = PayoutChain.Entitlements("s1", 3);
        using var ledger = PayoutLedger.Open(_path);
        Assert.Equal(new ImportResult(3, 0), ledger.Import(rows));
        Assert.Equal(new ImportResult(0, 3), ledger.Import(rows));

        var changed = new Entitlement("s1", rows[1].SettlementDigest, rows[1].Owner, rows[1].Amount + 1);
        var extra = PayoutChain.Entitlements("s1", 1)[0];
        var e = Assert.Throws<EntitlementConflictException>(() => ledger.Import([extra, changed]));
        Assert.Contains($"already entitles {rows[1].Owner} to {rows[1].Amount}", e.Message);
        Assert.Equal(3, ledger.PendingEntitlements().Count); // the good row of the refused import was not kept either

        // The same owner in another settlement is a separate entitlement.
        Assert.Equal(new ImportResult(1, 0), ledger.Import([new Entitlement("s2", PayoutChain.Digest("s2"), rows[0].Owner, 5)]));
    }

    [Fact]
    public void Entitlements_with_an_empty_settlement_id_or_a_digest_that_is_not_hex_sha256_are_refused()
    {
        using var owner = Keypair.Generate();
        Assert.Contains("Settlement id", Assert.Throws<ArgumentException>(() => new Entitlement("", PayoutChain.Digest("x"), owner.PublicKey, 1)).Message);
        Assert.Contains("SHA-256", Assert.Throws<ArgumentException>(() => new Entitlement("s", PayoutChain.Digest("x").ToUpperInvariant(), owner.PublicKey, 1)).Message);
        Assert.Contains("SHA-256", Assert.Throws<ArgumentException>(() => new Entitlement("s", "abc", owner.PublicKey, 1)).Message);
    }

    [Fact]
    public void Zero_amounts_and_off_curve_owners_are_refused()
    {
        using var owner = Keypair.Generate();
        Assert.Contains("zero", Assert.Throws<ArgumentException>(() => new Entitlement("s", PayoutChain.Digest("s"), owner.PublicKey, 0)).Message);
        var pda = AssociatedTokenAccount.Derive(owner.PublicKey, _mint.PublicKey); // a PDA: off the curve
        Assert.Contains("off the Ed25519 curve", Assert.Throws<ArgumentException>(() => new Entitlement("s", PayoutChain.Digest("s"), pda, 1)).Message);
    }

    [Fact]
    public void Planner_packs_by_real_wire_size_more_when_token_accounts_exist()
    {
        var pending = PayoutChain.Entitlements("s", 40);
        var allExist = BatchPlanner.PlanNext(pending, _ => true, _treasury.PublicKey, Options(), 1, ulong.MaxValue, out _)!;
        var noneExist = BatchPlanner.PlanNext(pending, _ => false, _treasury.PublicKey, Options(), 1, ulong.MaxValue, out _)!;

        output.WriteLine($"recipients per transaction: {allExist.Items.Count} with accounts ({allExist.WireSize} B), {noneExist.Items.Count} creating them ({noneExist.WireSize} B)");
        Assert.InRange(allExist.WireSize, 1, Transaction.MaxSize);
        Assert.InRange(noneExist.WireSize, 1, Transaction.MaxSize);
        Assert.True(allExist.Items.Count > noneExist.Items.Count, $"{allExist.Items.Count} vs {noneExist.Items.Count}");
        // Maximal: one more recipient would not fit.
        var oneMore = allExist.Items.Append(new BatchItem("s", pending[allExist.Items.Count].Owner, pending[allExist.Items.Count].Amount, false)).ToList();
        Assert.True(BatchPlanner.WireSize(_treasury.PublicKey, Options(), oneMore, allExist.Memo) > Transaction.MaxSize);
        Assert.All(noneExist.Items, i => Assert.True(i.CreatesAccount));
        Assert.Equal(pending.Take(allExist.Items.Count).Select(e => e.Owner), allExist.Items.Select(i => i.Owner));
    }

    [Fact]
    public void Planner_respects_recipient_limit_one_settlement_per_batch_and_the_outflow_allowance()
    {
        var pending = PayoutChain.Entitlements("a", 3).Concat(PayoutChain.Entitlements("b", 3)).ToList();
        var plan = BatchPlanner.PlanNext(pending, _ => true, _treasury.PublicKey, Options(maxRecipients: 2), 7, ulong.MaxValue, out _)!;
        Assert.Equal(2, plan.Items.Count);
        Assert.Equal($"ilm:{PayoutChain.Digest("a")[..16]}:7", plan.Memo);

        var all = BatchPlanner.PlanNext(pending, _ => true, _treasury.PublicKey, Options(), 7, ulong.MaxValue, out _)!;
        Assert.Equal(3, all.Items.Count); // stops at the settlement boundary

        var capped = BatchPlanner.PlanNext(pending, _ => true, _treasury.PublicKey, Options(), 7, pending[0].Amount + pending[1].Amount, out var reason)!;
        Assert.Equal(2, capped.Items.Count);
        Assert.Contains("outflow cap", reason);
        Assert.Null(BatchPlanner.PlanNext(pending, _ => true, _treasury.PublicKey, Options(), 7, pending[0].Amount - 1, out reason));
        Assert.Contains("would exceed", reason);
    }

    [Fact]
    public void Planned_instructions_put_the_memo_first_create_only_where_missing_and_transfer_checked_each_amount()
    {
        var pending = PayoutChain.Entitlements("s", 3);
        var plan = BatchPlanner.PlanNext(pending, o => o != pending[1].Owner, _treasury.PublicKey, Options(), 1, ulong.MaxValue, out _)!;
        var ix = BatchPlan.Instructions(_treasury.PublicKey, Options(), plan.Items, plan.Memo);
        Assert.Equal([ComputeBudgetProgram.ProgramId, ComputeBudgetProgram.ProgramId, MemoProgram.ProgramId, AssociatedTokenProgram.ProgramId,
            TokenProgram.ProgramId, TokenProgram.ProgramId, TokenProgram.ProgramId], ix.Select(i => i.ProgramId));
        Assert.Equal(pending.Select(e => e.Amount), ix.Where(i => i.ProgramId == TokenProgram.ProgramId).Select(i => BitConverter.ToUInt64(i.Data, 1)));
        Assert.All(ix.Where(i => i.ProgramId == TokenProgram.ProgramId), i => Assert.Equal(new byte[] { 12 }, i.Data[..1]));
    }

    [Fact]
    public void Entitlement_csv_round_trips_and_reports_every_bad_line()
    {
        var rows = PayoutChain.Entitlements("s", 2);
        var text = new StringWriter();
        EntitlementCsv.Write(text, rows);
        Assert.Equal(rows, EntitlementCsv.Parse(new StringReader(text.ToString())));

        var bad = $"{EntitlementCsv.Header}\ns,{PayoutChain.Digest("s")},notakey,5\ns,{PayoutChain.Digest("s")},{rows[0].Owner},-5\n";
        var e = Assert.Throws<FormatException>(() => EntitlementCsv.Parse(new StringReader(bad)));
        Assert.Contains("Line 2: owner 'notakey' is not a Solana address", e.Message);
        Assert.Contains("Line 3: amount '-5'", e.Message);
        Assert.Throws<FormatException>(() => EntitlementCsv.Parse(new StringReader("owner,amount\n")));
    }

    [Fact]
    public void Export_is_rfc4180_with_quoted_fields_and_crlf()
    {
        using var owner = Keypair.Generate();
        var digest = PayoutChain.Digest("x");
        var rows = new[]
        {
            new PayoutRow("event,\"7\"", digest, owner.PublicKey, 42, PayoutState.Paid, 3, "sig", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)),
            new PayoutRow("e8", digest, owner.PublicKey, 1, PayoutState.Pending, null, null, null),
        };
        var text = new StringWriter();
        PayoutExport.Write(text, rows);
        Assert.Equal(
            $"{PayoutExport.Header}\r\n\"event,\"\"7\"\"\",{digest},{owner.PublicKey},42,paid,sig,3,2026-11-24T09:00:00.000Z\r\ne8,{digest},{owner.PublicKey},1,pending,,,\r\n",
            text.ToString());
    }

    [Fact]
    public void Options_validation_names_every_problem()
    {
        var bad = new PayoutOptions
        {
            Mint = _mint.PublicKey, Decimals = 6, TreasuryKeyPath = "", LedgerPath = _path, OutflowCapPerWindow = 0, PerRecipientCapPerWindow = 1,
            MaxRecipientsPerTransaction = 0, ConfirmationCommitment = Solana.Rpc.Commitment.Processed,
        };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains("TreasuryKeyPath", e.Message);
        Assert.Contains("OutflowCapPerWindow", e.Message);
        Assert.Contains("MaxRecipientsPerTransaction", e.Message);
        Assert.Contains("ConfirmationCommitment", e.Message);
        Options().Validate();
    }
}
