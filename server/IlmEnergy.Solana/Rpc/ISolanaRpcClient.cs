namespace IlmEnergy.Solana.Rpc;

/// <summary>
/// The Solana JSON-RPC methods the payout path needs. Implemented over HTTP by <see cref="SolanaRpcClient"/>;
/// the interface lets ledger tests substitute a fake chain.
/// </summary>
public interface ISolanaRpcClient
{
    Task<LatestBlockhash> GetLatestBlockhashAsync(Commitment? commitment = null, CancellationToken cancellationToken = default);

    Task<ulong> GetBlockHeightAsync(Commitment? commitment = null, CancellationToken cancellationToken = default);

    /// <summary>Sends signed wire bytes and returns the signature. Repeating a send is safe: the chain
    /// processes a signature at most once, and an AlreadyProcessed answer returns the signature too.</summary>
    Task<string> SendTransactionAsync(byte[] wireTransaction, SendOptions? options = null, CancellationToken cancellationToken = default);

    Task<SimulationResult> SimulateTransactionAsync(byte[] wireTransaction, Commitment? commitment = null, CancellationToken cancellationToken = default);

    /// <summary>One entry per signature, null where the node knows nothing of it.</summary>
    Task<IReadOnlyList<SignatureStatus?>> GetSignatureStatusesAsync(IReadOnlyList<string> signatures, bool searchTransactionHistory = false, CancellationToken cancellationToken = default);

    /// <summary>Null when the account does not exist.</summary>
    Task<AccountInfo?> GetAccountInfoAsync(PublicKey account, Commitment? commitment = null, CancellationToken cancellationToken = default);

    Task<TokenAmount> GetTokenAccountBalanceAsync(PublicKey tokenAccount, Commitment? commitment = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PrioritizationFee>> GetRecentPrioritizationFeesAsync(IReadOnlyList<PublicKey>? writableAccounts = null, CancellationToken cancellationToken = default);

    Task<ulong> GetBalanceAsync(PublicKey account, Commitment? commitment = null, CancellationToken cancellationToken = default);

    Task<ulong> GetMinimumBalanceForRentExemptionAsync(ulong dataLength, CancellationToken cancellationToken = default);

    /// <summary>Null when the transaction is not (yet) known at this commitment.</summary>
    Task<TransactionDetails?> GetTransactionAsync(string signature, Commitment? commitment = null, CancellationToken cancellationToken = default);

    /// <summary>Test clusters only. Not retried on transport errors, since a repeat could airdrop twice.</summary>
    Task<string> RequestAirdropAsync(PublicKey account, ulong lamports, CancellationToken cancellationToken = default);
}
