using System.Globalization;
using IlmEnergy.Solana;

namespace IlmEnergy.Payouts;

/// <summary>
/// The documented import until settlement calls <see cref="PayoutLedger.Import"/> directly: a CSV with the header
/// <c>settlement_id,settlement_digest,owner,amount</c> (amount in the token's base units, an unsigned integer).
/// Every line is checked; any bad line refuses the whole file with its line number.
/// </summary>
public static class EntitlementCsv
{
    public const string Header = "settlement_id,settlement_digest,owner,amount";

    public static IReadOnlyList<Entitlement> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.Trim();
        if (header != Header)
            throw new FormatException($"Line 1: expected the header '{Header}', got '{header}'.");
        var result = new List<Entitlement>();
        var errors = new List<string>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            var fields = line.Split(',');
            if (fields.Length != 4)
            {
                errors.Add($"Line {lineNumber}: expected 4 fields, got {fields.Length}.");
                continue;
            }
            try
            {
                if (!PublicKey.TryParse(fields[2].Trim(), out var owner))
                    throw new FormatException($"owner '{fields[2]}' is not a Solana address");
                if (!ulong.TryParse(fields[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                    throw new FormatException($"amount '{fields[3]}' is not an unsigned integer of base units");
                result.Add(new Entitlement(fields[0].Trim(), fields[1].Trim(), owner!, amount));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                errors.Add($"Line {lineNumber}: {e.Message}");
            }
        }
        if (errors.Count > 0)
            throw new FormatException("The entitlement file was not imported: " + string.Join(" ", errors.Take(20)) + (errors.Count > 20 ? $" (+{errors.Count - 20} more)" : ""));
        return result;
    }

    public static void Write(TextWriter writer, IEnumerable<Entitlement> entitlements)
    {
        writer.Write(Header + "\n");
        foreach (var e in entitlements)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{e.SettlementId},{e.SettlementDigest},{e.Owner},{e.Amount}\n"));
    }
}
