namespace IlmEnergy.Protocol;

/// <summary>What a <see cref="UplinkDecoder"/> accepts beyond the protocol's fixed rules.</summary>
public sealed record UplinkDecoderOptions
{
    /// <summary>Payload kinds accepted; others are <c>UnexpectedKind</c>. Default: what devices send.</summary>
    public MessageKinds AcceptedKinds { get; init; } = MessageKinds.Uplink;

    /// <summary>When set, the kid must be this key (<c>BadKeyId</c> otherwise), e.g. a pinned server key.</summary>
    public DeviceId? ExpectedSigner { get; init; }
}
