namespace IlmEnergy.Protocol;

/// <summary>
/// The one entry point for received messages: size → CBOR envelope → alg → kid → signature → payload.
/// The first failing stage decides the <see cref="RejectReason"/>. Never throws on any input; thread-safe
/// and stateless, so one instance can serve every worker.
/// </summary>
public sealed class UplinkDecoder(UplinkDecoderOptions? options = null)
{
    private readonly UplinkDecoderOptions _options = options ?? new UplinkDecoderOptions();

    public DecodeResult Decode(ReadOnlyMemory<byte> message)
    {
        if (message.Length > ProtocolLimits.MaxMessageBytes)
            return DecodeResult.Reject(new(RejectReason.MessageTooLarge, $"{message.Length} bytes, limit {ProtocolLimits.MaxMessageBytes}"));

        if (!CoseDecoder.TryReadEnvelope(message, out var envelope, out var rejection))
            return DecodeResult.Reject(rejection);
        if (!CoseDecoder.TryCheckAlgorithm(envelope.ProtectedHeader, out rejection))
            return DecodeResult.Reject(rejection, envelope);
        if (!CoseDecoder.TryReadKeyId(envelope.UnprotectedHeader, out var keyId, out rejection))
            return DecodeResult.Reject(rejection, envelope);

        var signer = DeviceId.FromPublicKey(keyId.Span);
        if (_options.ExpectedSigner is { } expected && expected != signer)
            return DecodeResult.Reject(new(RejectReason.BadKeyId, $"kid {signer} is not the expected signer {expected}"), envelope, signer);
        if (!SignatureVerifier.TryVerify(keyId.Span, envelope.Payload.Span, envelope.Signature.Span, out rejection))
            return DecodeResult.Reject(rejection, envelope, signer);

        if (!PayloadDecoder.TryDecode(envelope.Payload, _options.AcceptedKinds, out var payload, out rejection))
            return DecodeResult.Reject(rejection, envelope, signer);
        return DecodeResult.Accept(envelope, signer, payload!);
    }
}
