using System.Globalization;
using System.Text;

namespace IlmEnergy.Payouts;

/// <summary>
/// Partner export as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break):
/// one line per entitlement with its state and, once batched, the batch id and transaction signature.
/// </summary>
public static class PayoutExport
{
    public const string Header = "settlement_id,settlement_digest,owner,amount,status,signature,batch_id,confirmed_at";

    public static void Write(TextWriter writer, IEnumerable<PayoutRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\r\n");
        foreach (var r in rows)
        {
            writer.Write(string.Join(',',
                Field(r.SettlementId), r.SettlementDigest, r.Owner.ToBase58(), r.Amount.ToString(CultureInfo.InvariantCulture), StateName(r.State),
                r.Signature ?? "", r.BatchId?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.ConfirmedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? ""));
            writer.Write("\r\n");
        }
    }

    public static string StateName(PayoutState state) => state switch
    {
        PayoutState.Pending => "pending",
        PayoutState.InFlight => "in-flight",
        _ => "paid",
    };

    /// <summary>RFC 4180 §2.6-2.7: quote a field holding a comma, quote, CR or LF, doubling inner quotes.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
