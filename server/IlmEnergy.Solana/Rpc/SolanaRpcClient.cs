using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SimpleBase;

namespace IlmEnergy.Solana.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HttpClient. Transport failures (connection errors, timeouts, HTTP 429/502/503/504)
/// are retried a bounded number of times with exponential backoff, because every method here except
/// requestAirdrop is idempotent (sendTransaction included: a signature lands at most once).
/// JSON-RPC errors are answers and surface at once as <see cref="RpcException"/>. When retries run out,
/// the last <see cref="HttpRequestException"/> or <see cref="TimeoutException"/> is thrown.
/// </summary>
public sealed class SolanaRpcClient : ISolanaRpcClient
{
    private static readonly HashSet<HttpStatusCode> RetryableStatus =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    private readonly HttpClient _http;
    private readonly SolanaRpcOptions _options;
    private long _nextId;

    /// <param name="http">Owned by the caller (e.g. from IHttpClientFactory); its own Timeout should be at least
    /// <see cref="SolanaRpcOptions.RequestTimeout"/>, which this client enforces per attempt.</param>
    public SolanaRpcClient(HttpClient http, SolanaRpcOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
    }

    public async Task<LatestBlockhash> GetLatestBlockhashAsync(Commitment? commitment = null, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("getLatestBlockhash", w => WriteConfig(w, commitment), true, cancellationToken);
        var value = result.GetProperty("value");
        return new LatestBlockhash(value.GetProperty("blockhash").GetString()!, value.GetProperty("lastValidBlockHeight").GetUInt64(), ContextSlot(result));
    }

    public async Task<ulong> GetBlockHeightAsync(Commitment? commitment = null, CancellationToken cancellationToken = default) =>
        (await CallAsync("getBlockHeight", w => WriteConfig(w, commitment), true, cancellationToken)).GetUInt64();

    public async Task<string> SendTransactionAsync(byte[] wireTransaction, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wireTransaction);
        options ??= new SendOptions();
        try
        {
            var result = await CallAsync("sendTransaction", w =>
            {
                w.WriteStringValue(Convert.ToBase64String(wireTransaction));
                w.WriteStartObject();
                w.WriteString("encoding", "base64");
                w.WriteBoolean("skipPreflight", options.SkipPreflight);
                w.WriteString("preflightCommitment", Name(options.PreflightCommitment ?? _options.DefaultCommitment));
                if (options.MaxRetries is { } retries)
                    w.WriteNumber("maxRetries", retries);
                w.WriteEndObject();
            }, true, cancellationToken);
            return result.GetString()!;
        }
        catch (RpcException e) when (e.TransactionError?.IsAlreadyProcessed == true)
        {
            // An earlier attempt (whose answer we lost) already landed: the send succeeded.
            return SignatureOf(wireTransaction);
        }
    }

    public async Task<SimulationResult> SimulateTransactionAsync(byte[] wireTransaction, Commitment? commitment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wireTransaction);
        var result = await CallAsync("simulateTransaction", w =>
        {
            w.WriteStringValue(Convert.ToBase64String(wireTransaction));
            w.WriteStartObject();
            w.WriteString("encoding", "base64");
            w.WriteString("commitment", Name(commitment ?? _options.DefaultCommitment));
            w.WriteBoolean("sigVerify", true);
            w.WriteEndObject();
        }, true, cancellationToken);
        var value = result.GetProperty("value");
        return new SimulationResult(
            value.TryGetProperty("err", out var err) ? TransactionError.FromJson(err) : null,
            Strings(value, "logs"),
            value.TryGetProperty("unitsConsumed", out var units) && units.ValueKind == JsonValueKind.Number ? units.GetUInt64() : null,
            ContextSlot(result));
    }

    public async Task<IReadOnlyList<SignatureStatus?>> GetSignatureStatusesAsync(IReadOnlyList<string> signatures, bool searchTransactionHistory = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        if (signatures.Count > 256)
            throw new ArgumentException("getSignatureStatuses takes at most 256 signatures per call.", nameof(signatures));
        var result = await CallAsync("getSignatureStatuses", w =>
        {
            w.WriteStartArray();
            foreach (var s in signatures)
                w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartObject();
            w.WriteBoolean("searchTransactionHistory", searchTransactionHistory);
            w.WriteEndObject();
        }, true, cancellationToken);
        return result.GetProperty("value").EnumerateArray().Select(s => s.ValueKind == JsonValueKind.Null
            ? null
            : new SignatureStatus(
                s.GetProperty("slot").GetUInt64(),
                s.TryGetProperty("confirmations", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetUInt64() : null,
                s.TryGetProperty("err", out var err) ? TransactionError.FromJson(err) : null,
                s.TryGetProperty("confirmationStatus", out var cs) ? cs.GetString() : null)).ToList();
    }

    public async Task<AccountInfo?> GetAccountInfoAsync(PublicKey account, Commitment? commitment = null, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("getAccountInfo", w =>
        {
            w.WriteStringValue(account.ToBase58());
            w.WriteStartObject();
            w.WriteString("encoding", "base64");
            w.WriteString("commitment", Name(commitment ?? _options.DefaultCommitment));
            w.WriteEndObject();
        }, true, cancellationToken);
        var value = result.GetProperty("value");
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        var data = value.GetProperty("data");
        return new AccountInfo(
            value.GetProperty("lamports").GetUInt64(),
            new PublicKey(value.GetProperty("owner").GetString()!),
            Convert.FromBase64String(data[0].GetString()!),
            value.GetProperty("executable").GetBoolean(),
            value.TryGetProperty("rentEpoch", out var re) && re.TryGetUInt64(out var epoch) ? epoch : null);
    }

    public async Task<TokenAmount> GetTokenAccountBalanceAsync(PublicKey tokenAccount, Commitment? commitment = null, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("getTokenAccountBalance", w => { w.WriteStringValue(tokenAccount.ToBase58()); WriteCommitment(w, commitment); }, true, cancellationToken);
        var value = result.GetProperty("value");
        return new TokenAmount(ulong.Parse(value.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            value.GetProperty("decimals").GetByte(), value.GetProperty("uiAmountString").GetString()!);
    }

    public async Task<IReadOnlyList<PrioritizationFee>> GetRecentPrioritizationFeesAsync(IReadOnlyList<PublicKey>? writableAccounts = null, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("getRecentPrioritizationFees", w =>
        {
            w.WriteStartArray();
            foreach (var a in writableAccounts ?? [])
                w.WriteStringValue(a.ToBase58());
            w.WriteEndArray();
        }, true, cancellationToken);
        return result.EnumerateArray().Select(f => new PrioritizationFee(f.GetProperty("slot").GetUInt64(), f.GetProperty("prioritizationFee").GetUInt64())).ToList();
    }

    public async Task<ulong> GetBalanceAsync(PublicKey account, Commitment? commitment = null, CancellationToken cancellationToken = default) =>
        (await CallAsync("getBalance", w => { w.WriteStringValue(account.ToBase58()); WriteCommitment(w, commitment); }, true, cancellationToken))
            .GetProperty("value").GetUInt64();

    public async Task<ulong> GetMinimumBalanceForRentExemptionAsync(ulong dataLength, CancellationToken cancellationToken = default) =>
        (await CallAsync("getMinimumBalanceForRentExemption", w => w.WriteNumberValue(dataLength), true, cancellationToken)).GetUInt64();

    public async Task<TransactionDetails?> GetTransactionAsync(string signature, Commitment? commitment = null, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("getTransaction", w =>
        {
            w.WriteStringValue(signature);
            w.WriteStartObject();
            w.WriteString("encoding", "base64");
            w.WriteString("commitment", Name(commitment ?? _options.DefaultCommitment));
            w.WriteNumber("maxSupportedTransactionVersion", 0);
            w.WriteEndObject();
        }, true, cancellationToken);
        if (result.ValueKind == JsonValueKind.Null)
            return null;
        var meta = result.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        byte[]? wire = result.TryGetProperty("transaction", out var tx) && tx.ValueKind == JsonValueKind.Array
            ? Convert.FromBase64String(tx[0].GetString()!)
            : null;
        return new TransactionDetails(
            result.GetProperty("slot").GetUInt64(),
            result.TryGetProperty("blockTime", out var bt) && bt.ValueKind == JsonValueKind.Number ? bt.GetInt64() : null,
            meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("err", out var err) ? TransactionError.FromJson(err) : null,
            meta.ValueKind == JsonValueKind.Object ? Strings(meta, "logMessages") : [],
            meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("fee", out var fee) && fee.ValueKind == JsonValueKind.Number ? fee.GetUInt64() : null,
            wire);
    }

    public async Task<string> RequestAirdropAsync(PublicKey account, ulong lamports, CancellationToken cancellationToken = default) =>
        (await CallAsync("requestAirdrop", w => { w.WriteStringValue(account.ToBase58()); w.WriteNumberValue(lamports); }, false, cancellationToken)).GetString()!;

    /// <summary>Posts one request and returns a detached copy of "result". Retries transport failures only.</summary>
    private async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, bool idempotent, CancellationToken cancellationToken)
    {
        var body = BuildRequest(method, writeParams);
        var attempts = idempotent ? _options.MaxTransportRetries + 1 : 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PostOnceAsync(method, body, cancellationToken);
            }
            catch (Exception e) when (IsTransportFailure(e) && attempt < attempts)
            {
                var backoff = _options.RetryBaseDelay * Math.Pow(2, attempt - 1) * (0.75 + Random.Shared.NextDouble() * 0.5);
                await Task.Delay(backoff, cancellationToken);
            }
        }
    }

    private async Task<JsonElement> PostOnceAsync(string method, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.PostAsync(_options.Endpoint, content, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method}: no answer from {_options.Endpoint} within {_options.RequestTimeout.TotalSeconds:0.###}s.", e);
        }
        using var _ = response;
        if (RetryableStatus.Contains(response.StatusCode))
            throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} from the RPC node.", null, response.StatusCode);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} with a body that is not JSON: {Truncate(text)}", e, response.StatusCode);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                throw new RpcException(method,
                    error.TryGetProperty("code", out var code) && code.TryGetInt64(out var c) ? c : 0,
                    error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "",
                    error.TryGetProperty("data", out var data) ? data.Clone() : null);
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
                throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} without a JSON-RPC result: {Truncate(text)}", null, response.StatusCode);
            return result.Clone();
        }
    }

    private static bool IsTransportFailure(Exception e) => e switch
    {
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    private byte[] BuildRequest(string method, Action<Utf8JsonWriter> writeParams)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", Interlocked.Increment(ref _nextId));
            w.WriteString("method", method);
            w.WriteStartArray("params");
            writeParams(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private void WriteConfig(Utf8JsonWriter w, Commitment? commitment)
    {
        w.WriteStartObject();
        w.WriteString("commitment", Name(commitment ?? _options.DefaultCommitment));
        w.WriteEndObject();
    }

    private void WriteCommitment(Utf8JsonWriter w, Commitment? commitment) => WriteConfig(w, commitment);

    private static string Name(Commitment commitment) => commitment switch
    {
        Commitment.Processed => "processed",
        Commitment.Confirmed => "confirmed",
        _ => "finalized",
    };

    private static ulong ContextSlot(JsonElement result) =>
        result.TryGetProperty("context", out var ctx) && ctx.TryGetProperty("slot", out var slot) ? slot.GetUInt64() : 0;

    private static List<string> Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : [];

    private static string SignatureOf(byte[] wire)
    {
        var count = ShortVec.Decode(wire, out var offset);
        if (count == 0 || wire.Length < offset + Transaction.SignatureLength)
            throw new FormatException("The transaction carries no signature.");
        return Base58.Bitcoin.Encode(wire.AsSpan(offset, Transaction.SignatureLength));
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
