namespace IlmEnergy.Protocol;

/// <summary>A reason code plus a human-readable detail saying what exactly was wrong.</summary>
public readonly record struct Rejection(RejectReason Reason, string Detail)
{
    /// <summary>Code number, name and detail, e.g. <c>105 BadSignature: signature does not verify</c>.</summary>
    public override string ToString() => $"{(int)Reason} {Reason}: {Detail}";
}
