using System.Net;
using System.Text;
using IlmEnergy.Solana.Rpc;

namespace IlmEnergy.Solana.Tests;

/// <summary>Retry policy and error mapping, against a scripted HTTP handler (no network).</summary>
public class SolanaRpcClientTests
{
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] replies) : HttpMessageHandler
    {
        public int Calls { get; private set; }
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            var reply = replies[Math.Min(Calls, replies.Length - 1)];
            Calls++;
            return reply();
        }
    }

    private static Func<HttpResponseMessage> Json(string body) => () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    private static Func<HttpResponseMessage> Status(HttpStatusCode code) => () => new HttpResponseMessage(code);
    private static Func<HttpResponseMessage> Refused() => () => throw new HttpRequestException("Connection refused");

    private static (SolanaRpcClient, ScriptedHandler) Client(params Func<HttpResponseMessage>[] replies)
    {
        var handler = new ScriptedHandler(replies);
        var client = new SolanaRpcClient(new HttpClient(handler), new SolanaRpcOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxTransportRetries = 3,
        });
        return (client, handler);
    }

    [Fact]
    public async Task Transport_failures_are_retried_then_succeed()
    {
        var (client, handler) = Client(Refused(), Status(HttpStatusCode.ServiceUnavailable), Json("""{"jsonrpc":"2.0","id":1,"result":42}"""));
        Assert.Equal(42UL, await client.GetBlockHeightAsync());
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        var (client, handler) = Client(Refused());
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetBlockHeightAsync());
        Assert.Equal(4, handler.Calls); // 1 + MaxTransportRetries
    }

    [Fact]
    public async Task Rpc_errors_are_answers_and_not_retried()
    {
        var (client, handler) = Client(Json("""
            {"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Transaction simulation failed: Error processing Instruction 1: custom program error: 0x1",
             "data":{"err":{"InstructionError":[1,{"Custom":1}]},"logs":["Program log: Error: insufficient funds"],"unitsConsumed":4000}}}
            """));
        var e = await Assert.ThrowsAsync<RpcException>(() => client.SendTransactionAsync(new byte[100]));
        Assert.Equal(1, handler.Calls);
        Assert.Equal(RpcException.SendTransactionPreflightFailure, e.Code);
        Assert.Equal("InstructionError", e.TransactionError!.Kind);
        Assert.Equal(1, e.TransactionError.InstructionIndex);
        Assert.Equal(1u, e.TransactionError.CustomCode);
        Assert.Equal("InstructionError(1, Custom 1)", e.TransactionError.ToString());
        Assert.Contains("insufficient funds", e.Logs[0]);
    }

    private sealed class SilentHandler : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task A_node_that_never_answers_times_out_per_attempt_and_is_retried()
    {
        var handler = new SilentHandler();
        var client = new SolanaRpcClient(new HttpClient(handler), new SolanaRpcOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1"),
            RequestTimeout = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxTransportRetries = 2,
        });
        var e = await Assert.ThrowsAsync<TimeoutException>(() => client.GetLatestBlockhashAsync());
        Assert.Contains("getLatestBlockhash", e.Message);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_transport_failure()
    {
        var handler = new SilentHandler();
        var client = new SolanaRpcClient(new HttpClient(handler), new SolanaRpcOptions { Endpoint = new Uri("http://127.0.0.1:1") });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetBlockHeightAsync(cancellationToken: cts.Token));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Airdrop_is_not_retried_because_it_is_not_idempotent()
    {
        var (client, handler) = Client(Refused());
        await Assert.ThrowsAsync<HttpRequestException>(() => client.RequestAirdropAsync(new PublicKey("11111111111111111111111111111111"), 1));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task AlreadyProcessed_means_the_earlier_send_landed()
    {
        using var payer = Keypair.Generate();
        var tx = Transaction.Create(payer.PublicKey, "EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k", [Instructions.MemoProgram.Memo("x")], payer);
        var (client, _) = Client(Json("""{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Transaction simulation failed: This transaction has already been processed","data":{"err":"AlreadyProcessed","logs":[]}}}"""));
        Assert.Equal(tx.Id, await client.SendTransactionAsync(tx.Serialize()));
    }

    [Fact]
    public async Task Request_is_json_rpc_2_with_base64_and_options()
    {
        var (client, handler) = Client(Json("""{"jsonrpc":"2.0","id":1,"result":"sig"}"""));
        await client.SendTransactionAsync([1, 2, 3], new SendOptions { SkipPreflight = true, MaxRetries = 0 });
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["AQID",{"encoding":"base64","skipPreflight":true,"preflightCommitment":"finalized","maxRetries":0}]}""", handler.Bodies[0]);
    }

    [Fact]
    public async Task Non_json_reply_is_a_clear_transport_error()
    {
        var (client, _) = Client(() => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>oops</html>") });
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetBlockHeightAsync());
        Assert.Contains("not JSON", e.Message);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new SolanaRpcClient(new HttpClient(), new SolanaRpcOptions { Endpoint = new Uri("ftp://x/") }));
        Assert.Throws<ArgumentException>(() => new SolanaRpcClient(new HttpClient(), new SolanaRpcOptions { Endpoint = new Uri("http://x/"), MaxTransportRetries = -1 }));
    }

    [Theory]
    [InlineData("\"BlockhashNotFound\"", "BlockhashNotFound")]
    [InlineData("""{"InstructionError":[0,"InvalidAccountData"]}""", "InstructionError(0, InvalidAccountData)")]
    [InlineData("""{"InsufficientFundsForRent":{"account_index":2}}""", "InsufficientFundsForRent")]
    public void Transaction_errors_parse_from_rpc_json(string json, string expected)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(expected, TransactionError.FromJson(doc.RootElement)!.ToString());
    }
}
