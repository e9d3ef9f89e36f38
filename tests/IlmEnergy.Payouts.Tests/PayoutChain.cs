using System.Security.Cryptography;
using IlmEnergy.Solana;
using IlmEnergy.Solana.Instructions;
using IlmEnergy.Solana.Rpc;
using IlmEnergy.Solana.Tests;

namespace IlmEnergy.Payouts.Tests;

/// <summary>A fresh mint and treasury on the harness, a temp ledger, and helpers to build options and restart the sender.</summary>
public sealed class PayoutChain : IDisposable
{
    public const byte Decimals = 6;
    private readonly SolanaHarnessFixture _harness;
    private readonly List<PayoutLedger> _ledgers = [];

    private PayoutChain(SolanaHarnessFixture harness)
    {
        _harness = harness;
        LedgerPath = Path.Combine(Path.GetTempPath(), $"ilm-payouts-{Guid.NewGuid():N}.db");
    }

    public Keypair Treasury { get; } = Keypair.Generate();
    public Keypair MintKey { get; } = Keypair.Generate();
    public PublicKey Mint => MintKey.PublicKey;
    public string LedgerPath { get; }
    public ISolanaRpcClient Rpc => _harness.Rpc;
    public PublicKey TreasuryAta => AssociatedTokenAccount.Derive(Treasury.PublicKey, Mint);

    public static async Task<PayoutChain> CreateAsync(SolanaHarnessFixture harness, ulong supply, ulong lamports = 10_000_000_000)
    {
        var chain = new PayoutChain(harness);
        await chain.Rpc.RequestAirdropAsync(chain.Treasury.PublicKey, lamports);
        var rent = await chain.Rpc.GetMinimumBalanceForRentExemptionAsync(TokenProgram.MintSize);
        await chain.SendAsync([
            SystemProgram.CreateAccount(chain.Treasury.PublicKey, chain.Mint, rent, TokenProgram.MintSize, TokenProgram.ProgramId),
            TokenProgram.InitializeMint2(chain.Mint, Decimals, chain.Treasury.PublicKey),
        ], chain.Treasury, chain.MintKey);
        await chain.SendAsync([
            AssociatedTokenProgram.CreateIdempotent(chain.Treasury.PublicKey, chain.Treasury.PublicKey, chain.Mint),
            TokenProgram.MintTo(chain.Mint, chain.TreasuryAta, chain.Treasury.PublicKey, supply),
        ], chain.Treasury);
        return chain;
    }

    public PayoutOptions Options(ulong outflowCap = ulong.MaxValue / 4, ulong perRecipientCap = ulong.MaxValue / 4, PublicKey? mint = null, byte decimals = Decimals) => new()
    {
        Mint = mint ?? Mint,
        Decimals = decimals,
        TreasuryKeyPath = "unused-in-tests",
        LedgerPath = LedgerPath,
        OutflowCapPerWindow = outflowCap,
        PerRecipientCapPerWindow = perRecipientCap,
        PollInterval = TimeSpan.FromMilliseconds(5),
        ResendInterval = TimeSpan.FromMilliseconds(20),
        MinimumSolReserveLamports = 1_000_000,
    };

    /// <summary>Opens the ledger as a freshly started process would.</summary>
    public PayoutLedger OpenLedger()
    {
        var ledger = PayoutLedger.Open(LedgerPath);
        _ledgers.Add(ledger);
        return ledger;
    }

    /// <summary>Simulates a process exit: the ledger connection is closed without any further write.</summary>
    public void Crash(PayoutLedger ledger) => ledger.Dispose();

    public PayoutSender Sender(PayoutLedger ledger, PayoutOptions? options = null, IPayoutFaults? faults = null) =>
        new(ledger, Rpc, Treasury, options ?? Options(), faults);

    /// <summary>Creates token accounts for some owners up front, so a payout sees a mix of existing and missing ones.</summary>
    public async Task CreateTokenAccountsAsync(IEnumerable<PublicKey> owners)
    {
        foreach (var chunk in owners.Chunk(8))
            await SendAsync(chunk.Select(o => AssociatedTokenProgram.CreateIdempotent(Treasury.PublicKey, o, Mint)), Treasury);
    }

    public async Task<ulong> TokenBalanceAsync(PublicKey owner)
    {
        var ata = AssociatedTokenAccount.Derive(owner, Mint);
        return await Rpc.GetAccountInfoAsync(ata) is null ? 0 : (await Rpc.GetTokenAccountBalanceAsync(ata)).Amount;
    }

    public Task<ulong> TreasuryTokensAsync() => TokenBalanceAsync(Treasury.PublicKey);

    public async Task SendAsync(IEnumerable<TransactionInstruction> instructions, params ISigner[] signers)
    {
        var blockhash = await Rpc.GetLatestBlockhashAsync();
        var tx = Transaction.Create(signers[0].PublicKey, blockhash.Blockhash, instructions, signers);
        await Rpc.SendTransactionAsync(tx.Serialize());
    }

    public static string Digest(string settlementId) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settlementId)));

    /// <summary>Entitlements for <paramref name="count"/> fresh wallets, amounts distinct so a swap would show.</summary>
    public static List<Entitlement> Entitlements(string settlementId, int count, ulong baseAmount = 1_000_000)
    {
        var digest = Digest(settlementId);
        return Enumerable.Range(0, count).Select(i =>
        {
            using var owner = Keypair.Generate();
            return new Entitlement(settlementId, digest, owner.PublicKey, baseAmount + (ulong)i * 7);
        }).ToList();
    }

    public void Dispose()
    {
        foreach (var ledger in _ledgers) ledger.Dispose();
        Treasury.Dispose();
        MintKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(LedgerPath + suffix);
    }
}

/// <summary>Throws <see cref="SimulatedCrash"/> once, at <paramref name="step"/> of the <paramref name="batchOrdinal"/>-th batch it sees at that step.</summary>
public sealed class CrashAt(PayoutStep step, int batchOrdinal = 1) : IPayoutFaults
{
    private int _seen;

    public bool Fired { get; private set; }

    public void At(PayoutStep s, long batchId)
    {
        if (s != step || Fired || ++_seen < batchOrdinal) return;
        Fired = true;
        throw new SimulatedCrash($"crash injected at {s} of batch {batchId}");
    }
}

public sealed class SimulatedCrash(string message) : Exception(message);
