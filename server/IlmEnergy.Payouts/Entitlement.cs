using System.Text.RegularExpressions;
using IlmEnergy.Solana;

namespace IlmEnergy.Payouts;

/// <summary>
/// What settlement says one owner is due for one settled event, in the token's smallest unit.
/// Keyed by (settlement id, owner): importing the same row again is a no-op, a different amount or
/// digest for the same key is refused, so a re-run of settlement can never inflate a payout.
/// </summary>
public sealed partial record Entitlement
{
    public const int MaxSettlementIdLength = 128;

    public Entitlement(string settlementId, string settlementDigest, PublicKey owner, ulong amount)
        : this(settlementId, settlementDigest, owner, amount, checkOwnerOnCurve: true) { }

    /// <summary>The ledger re-reads rows without the curve check (a point decompression per row): it was checked at
    /// import, and the row hash proves the owner has not changed since.</summary>
    internal Entitlement(string settlementId, string settlementDigest, PublicKey owner, ulong amount, bool checkOwnerOnCurve)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (string.IsNullOrWhiteSpace(settlementId) || settlementId.Length > MaxSettlementIdLength || settlementId.Any(c => char.IsControl(c) || c == '|'))
            throw new ArgumentException($"Settlement id '{settlementId}' must be 1-{MaxSettlementIdLength} printable characters without '|'.", nameof(settlementId));
        if (settlementDigest is null || !HexSha256().IsMatch(settlementDigest))
            throw new ArgumentException($"Settlement digest '{settlementDigest}' must be a SHA-256 in 64 lowercase hex characters.", nameof(settlementDigest));
        if (amount == 0)
            throw new ArgumentException($"Entitlement of {owner} in settlement {settlementId} is zero; only positive amounts are imported.", nameof(amount));
        if (amount > long.MaxValue)
            throw new ArgumentException($"Entitlement amount {amount} exceeds the ledger's limit of {long.MaxValue} base units.", nameof(amount));
        // A token account's owner must be a wallet that can sign; tokens sent to a PDA's ATA are lost.
        if (checkOwnerOnCurve && !owner.IsOnCurve)
            throw new ArgumentException($"Owner {owner} is off the Ed25519 curve (a program address), so no wallet could spend what it is paid.", nameof(owner));
        SettlementId = settlementId;
        SettlementDigest = settlementDigest;
        Owner = owner;
        Amount = amount;
    }

    public string SettlementId { get; }

    /// <summary>Hex SHA-256 of the settlement report; its prefix goes into each payout memo.</summary>
    public string SettlementDigest { get; }

    public PublicKey Owner { get; }

    /// <summary>Base units (amount × 10^decimals of the display amount).</summary>
    public ulong Amount { get; }

    /// <summary>The fields that the ledger's integrity hash covers, in a fixed order.</summary>
    internal string Canonical => $"entitlement|v1|{SettlementId}|{SettlementDigest}|{Owner}|{Amount}";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexSha256();
}
