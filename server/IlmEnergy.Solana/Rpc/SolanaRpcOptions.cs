namespace IlmEnergy.Solana.Rpc;

/// <summary>Where the RPC node is and how patient to be with it.</summary>
public sealed class SolanaRpcOptions
{
    public required Uri Endpoint { get; init; }

    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra attempts after a transport failure (connection refused/reset, timeout, HTTP 429/502/503/504).
    /// JSON-RPC errors are answers, never retried.</summary>
    public int MaxTransportRetries { get; init; } = 3;

    /// <summary>First backoff; doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public Commitment DefaultCommitment { get; init; } = Commitment.Finalized;

    internal void Validate()
    {
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The RPC endpoint must be an absolute http(s) URL, got '{Endpoint}'.");
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("RequestTimeout must be positive.");
        if (MaxTransportRetries is < 0 or > 10)
            throw new ArgumentException("MaxTransportRetries must be 0..10.");
        if (RetryBaseDelay < TimeSpan.Zero)
            throw new ArgumentException("RetryBaseDelay must not be negative.");
    }
}
