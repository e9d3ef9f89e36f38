using System.Text.Json;
using System.Text.Json.Serialization;
using IlmEnergy.Payouts;
using IlmEnergy.Solana;
using IlmEnergy.Solana.Rpc;

namespace IlmEnergy.Cli.Payouts;

/// <summary>
/// The payouts config file (JSON, camelCase), e.g.
/// <code>{ "rpcUrl": "http://127.0.0.1:8899", "mint": "…", "decimals": 6, "treasuryKeyPath": "/etc/ilm/treasury.json",
///   "ledgerPath": "/var/lib/ilm/payouts.db", "outflowCapPerWindow": 5000000000, "outflowWindow": "1.00:00:00",
///   "perRecipientCapPerWindow": 100000000 }</code>
/// Optional: tokenProgram, maxRecipientsPerTransaction, computeUnitPrice, confirmationCommitment ("confirmed"|"finalized"),
/// pollInterval, resendInterval, minimumSolReserveLamports.
/// </summary>
public sealed class PayoutConfig
{
    public required string RpcUrl { get; init; }
    public required string Mint { get; init; }
    public required byte Decimals { get; init; }
    public required string TreasuryKeyPath { get; init; }
    public required string LedgerPath { get; init; }
    public required ulong OutflowCapPerWindow { get; init; }
    public required ulong PerRecipientCapPerWindow { get; init; }
    public TimeSpan? OutflowWindow { get; init; }
    public string? TokenProgram { get; init; }
    public int? MaxRecipientsPerTransaction { get; init; }
    public ulong? ComputeUnitPrice { get; init; }
    public Commitment? ConfirmationCommitment { get; init; }
    public TimeSpan? PollInterval { get; init; }
    public TimeSpan? ResendInterval { get; init; }
    public ulong? MinimumSolReserveLamports { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, // a typo must not silently drop a cap
    };

    public static PayoutConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PayoutConfig>(File.ReadAllText(path), Json)
                ?? throw new FormatException($"{path}: the config file is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public Uri RpcEndpoint => Uri.TryCreate(RpcUrl, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"rpcUrl '{RpcUrl}' is not an absolute URL.");

    public PayoutOptions ToOptions()
    {
        var defaults = new PayoutOptions { Mint = new PublicKey(new byte[32]), Decimals = 0, TreasuryKeyPath = "", LedgerPath = "", OutflowCapPerWindow = 1, PerRecipientCapPerWindow = 1 };
        var options = new PayoutOptions
        {
            Mint = PublicKey.Parse(Mint),
            Decimals = Decimals,
            TreasuryKeyPath = TreasuryKeyPath,
            LedgerPath = LedgerPath,
            OutflowCapPerWindow = OutflowCapPerWindow,
            PerRecipientCapPerWindow = PerRecipientCapPerWindow,
            OutflowWindow = OutflowWindow ?? defaults.OutflowWindow,
            TokenProgramId = TokenProgram is null ? defaults.TokenProgramId : PublicKey.Parse(TokenProgram),
            MaxRecipientsPerTransaction = MaxRecipientsPerTransaction ?? defaults.MaxRecipientsPerTransaction,
            ComputeUnitPrice = ComputeUnitPrice ?? defaults.ComputeUnitPrice,
            ConfirmationCommitment = ConfirmationCommitment ?? defaults.ConfirmationCommitment,
            PollInterval = PollInterval ?? defaults.PollInterval,
            ResendInterval = ResendInterval ?? defaults.ResendInterval,
            MinimumSolReserveLamports = MinimumSolReserveLamports ?? defaults.MinimumSolReserveLamports,
        };
        options.Validate();
        return options;
    }
}
