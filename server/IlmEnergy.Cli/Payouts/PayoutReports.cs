using System.Globalization;
using IlmEnergy.Payouts;
using IlmEnergy.Solana;

namespace IlmEnergy.Cli.Payouts;

/// <summary>Plain-text renderings of plans, dry runs and ledger status (stable, greppable, no secrets).</summary>
public static class PayoutReports
{
    public static void WritePlan(TextWriter o, DryRunReport report, bool withTransactions, PayoutOptions options, PublicKey treasury)
    {
        o.WriteLine($"treasury {treasury}  mint {options.Mint} ({options.Decimals} decimals)");
        o.WriteLine($"treasury balance: {Units(report.TreasuryTokenBalance ?? 0, options.Decimals)} tokens, {report.TreasuryLamports} lamports");
        o.WriteLine("batch  settlement                 recipients  new-accounts  amount(base units)  lamports  bytes  memo");
        foreach (var t in report.Transactions)
        {
            var p = t.Plan;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.BatchId,5}  {Trim(p.SettlementId, 25),-25}  {p.Items.Count,10}  {p.AccountsCreated,12}  {p.Total,18}  {t.Lamports,8}  {p.WireSize,5}  {p.Memo}"));
            if (!withTransactions)
                continue;
            foreach (var item in p.Items)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"         {(item.CreatesAccount ? "CreateIdempotent + " : "")}TransferChecked {item.Amount} ({Units(item.Amount, options.Decimals)}) -> {item.Owner}  [{item.SettlementId}]"));
            o.WriteLine($"         unsigned transaction (base64): {t.UnsignedBase64}");
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {report.Transactions.Count} transactions, {report.Recipients} recipients, {report.TotalAmount} base units ({Units(report.TotalAmount, options.Decimals)} tokens), {report.TotalLamports} lamports in fees and rent"));
        if (report.LeftPending > 0)
            o.WriteLine($"left pending: {report.LeftPending} entitlements. {report.StoppedBecause}");
        if (report.TreasuryTokenBalance is { } balance && balance < report.TotalAmount)
            o.WriteLine($"warning: the treasury holds {balance} base units, less than the {report.TotalAmount} planned; pay will stop when it runs short.");
    }

    public static void WriteStatus(TextWriter o, IReadOnlyList<PayoutRow> rows, IReadOnlyList<PayoutBatch> batches)
    {
        foreach (var state in Enum.GetValues<PayoutState>())
        {
            var subset = rows.Where(r => r.State == state).ToList();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{PayoutExport.StateName(state),-10} {subset.Count,8} entitlements  {subset.Aggregate(0UL, (s, r) => s + r.Amount),20} base units"));
        }
        foreach (var status in Enum.GetValues<BatchStatus>())
            o.WriteLine($"batches {status.ToString().ToLowerInvariant(),-10} {batches.Count(b => b.Status == status),6}");
        foreach (var open in batches.Where(b => b.IsUnfinished))
            o.WriteLine($"in flight: batch {open.Id} {open.Status} {open.Signature} valid until block height {open.LastValidBlockHeight}; `ilm payouts pay` reconciles it first");
        foreach (var failed in batches.Where(b => b.Status == BatchStatus.Failed))
            o.WriteLine($"failed: batch {failed.Id} {failed.Signature}: {failed.Error}");
    }

    public static string Units(ulong amount, byte decimals)
    {
        var text = amount.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? text : text[..^decimals] + "." + text[^decimals..];
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
