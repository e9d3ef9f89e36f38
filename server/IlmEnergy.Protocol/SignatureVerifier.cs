using NSec.Cryptography;

namespace IlmEnergy.Protocol;

/// <summary>
/// Ed25519 (NSec / libsodium) over the COSE Sig_structure of the received payload bytes.
/// Stateless: the key is imported per message (~45 ns, under 0.1 % of a verify), so no result can
/// depend on which messages came before.
/// </summary>
internal static class SignatureVerifier
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    public static bool TryVerify(ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature, out Rejection rejection)
    {
        rejection = default;
        if (signature.Length != ProtocolLimits.SignatureBytes)
        {
            rejection = new(RejectReason.BadSignature, $"signature is {signature.Length} bytes, expected {ProtocolLimits.SignatureBytes}");
            return false;
        }
        if (!PublicKey.TryImport(Ed25519, keyId, KeyBlobFormat.RawPublicKey, out PublicKey? publicKey) || publicKey is null)
        {
            rejection = new(RejectReason.BadKeyId, "kid is not an Ed25519 public key");
            return false;
        }

        // The payload is bounded by the 4096-byte message limit, so the Sig_structure fits on the stack.
        Span<byte> toBeSigned = stackalloc byte[SigStructure.GetLength(payload.Length)];
        SigStructure.Write(payload, toBeSigned);
        if (Ed25519.Verify(publicKey, toBeSigned, signature))
            return true;

        // libsodium also says "false" for a kid that is not on the curve; the protocol names that
        // BadKeyId. The check costs a field exponentiation, so it runs only on this failure path.
        rejection = Ed25519PublicKeyCheck.IsOnCurve(keyId)
            ? new(RejectReason.BadSignature, "signature does not verify for this kid and payload")
            : new(RejectReason.BadKeyId, "kid is not a valid Ed25519 public key: not a point on edwards25519");
        return false;
    }
}
