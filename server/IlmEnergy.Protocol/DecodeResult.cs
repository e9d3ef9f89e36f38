using System.Diagnostics.CodeAnalysis;

namespace IlmEnergy.Protocol;

/// <summary>
/// Outcome of <see cref="UplinkDecoder.Decode"/>: either an accepted, verified, typed message, or a
/// <see cref="Rejection"/> (reason code + detail). Whatever stages succeeded before a rejection are kept
/// (envelope, signer) so the quarantine store and the `ilm` tool can show them.
/// </summary>
public sealed class DecodeResult
{
    private DecodeResult(CoseSign1Envelope? envelope, DeviceId? signer, ProtocolMessage? message, Rejection? rejection)
    {
        Envelope = envelope;
        Signer = signer;
        Message = message;
        Rejection = rejection;
    }

    /// <summary>True when every stage passed: signature verified and payload matches its schema.</summary>
    [MemberNotNullWhen(true, nameof(Message), nameof(Signer), nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Rejection is null;

    /// <summary>The COSE_Sign1 parts, when the envelope parsed.</summary>
    public CoseSign1Envelope? Envelope { get; }

    /// <summary>The kid as a device id, when it was a well-formed 32-byte key (even if later stages failed).</summary>
    public DeviceId? Signer { get; }

    /// <summary>The decoded payload; only set when accepted.</summary>
    public ProtocolMessage? Message { get; }

    public Rejection? Rejection { get; }

    internal static DecodeResult Accept(CoseSign1Envelope envelope, DeviceId signer, ProtocolMessage message) =>
        new(envelope, signer, message, null);

    internal static DecodeResult Reject(Rejection rejection, CoseSign1Envelope? envelope = null, DeviceId? signer = null) =>
        new(envelope, signer, null, rejection);

    public override string ToString() =>
        IsAccepted ? $"accepted {Message.Kind} from {Signer}" : $"rejected {Rejection}";
}
