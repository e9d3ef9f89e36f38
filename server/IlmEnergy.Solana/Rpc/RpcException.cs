using System.Text.Json;

namespace IlmEnergy.Solana.Rpc;

/// <summary>A JSON-RPC error answered by the node. Never retried: the node understood the request and refused it.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Preflight simulation or send failed; <see cref="TransactionError"/> names the runtime error.</summary>
    public const long SendTransactionPreflightFailure = -32002;
    public const long TransactionSignatureVerificationFailure = -32003;
    public const long NodeUnhealthy = -32005;
    public const long MethodNotFound = -32601;
    public const long InvalidParams = -32602;

    public RpcException(string method, long code, string rpcMessage, JsonElement? data)
        : base($"{method} failed with RPC error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = data;
        if (data is { ValueKind: JsonValueKind.Object } d)
        {
            if (d.TryGetProperty("err", out var err))
                TransactionError = TransactionError.FromJson(err);
            if (d.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
                Logs = logs.EnumerateArray().Select(l => l.GetString() ?? "").ToList();
        }
    }

    public string Method { get; }
    public long Code { get; }
    public string RpcMessage { get; }
    /// <summary>The "data" member of the JSON-RPC error (for preflight failures: err, logs, unitsConsumed).</summary>
    public JsonElement? ErrorData { get; }

    /// <summary>The runtime's error for a failed preflight (e.g. BlockhashNotFound, InstructionError), if any.</summary>
    public TransactionError? TransactionError { get; }

    public IReadOnlyList<string> Logs { get; } = [];
}
