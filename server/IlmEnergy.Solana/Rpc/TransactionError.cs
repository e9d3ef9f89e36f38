using System.Text.Json;

namespace IlmEnergy.Solana.Rpc;

/// <summary>
/// A runtime TransactionError as the RPC reports it: a bare name ("BlockhashNotFound") or an object
/// with one property ({"InstructionError":[2,{"Custom":1}]}, {"InsufficientFundsForRent":{"account_index":3}}).
/// </summary>
public sealed record TransactionError(string Kind, string RawJson)
{
    /// <summary>For InstructionError: the index of the failing instruction.</summary>
    public int? InstructionIndex { get; init; }

    /// <summary>For InstructionError: the instruction error's name ("Custom", "InsufficientFunds", …).</summary>
    public string? InstructionError { get; init; }

    /// <summary>For InstructionError Custom: the program's error code (SPL Token 1 = insufficient funds).</summary>
    public uint? CustomCode { get; init; }

    public bool IsBlockhashNotFound => Kind == "BlockhashNotFound";

    public bool IsAlreadyProcessed => Kind == "AlreadyProcessed";

    public static TransactionError? FromJson(JsonElement err)
    {
        switch (err.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return new TransactionError(err.GetString()!, err.GetRawText());
            case JsonValueKind.Object:
                var property = err.EnumerateObject().FirstOrDefault();
                if (property.Value.ValueKind == JsonValueKind.Undefined)
                    return new TransactionError("Unknown", err.GetRawText());
                var error = new TransactionError(property.Name, err.GetRawText());
                if (property.Name == "InstructionError" && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 2)
                {
                    var detail = property.Value[1];
                    error = error with { InstructionIndex = property.Value[0].GetInt32() };
                    if (detail.ValueKind == JsonValueKind.String)
                        error = error with { InstructionError = detail.GetString() };
                    else if (detail.ValueKind == JsonValueKind.Object && detail.EnumerateObject().FirstOrDefault() is { Value.ValueKind: not JsonValueKind.Undefined } inner)
                        error = error with
                        {
                            InstructionError = inner.Name,
                            CustomCode = inner.Name == "Custom" && inner.Value.ValueKind == JsonValueKind.Number ? inner.Value.GetUInt32() : null,
                        };
                }
                return error;
            default:
                return new TransactionError("Unknown", err.GetRawText());
        }
    }

    public override string ToString() => InstructionError is null
        ? Kind
        : CustomCode is { } code ? $"{Kind}({InstructionIndex}, Custom {code})" : $"{Kind}({InstructionIndex}, {InstructionError})";
}
