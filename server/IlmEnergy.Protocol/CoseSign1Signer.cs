using System.Formats.Cbor;
using NSec.Cryptography;

namespace IlmEnergy.Protocol;

/// <summary>Wraps a payload in the v1 COSE_Sign1 envelope (docs/protocol.md §2) and signs it with Ed25519.</summary>
public static class CoseSign1Signer
{
    public static byte[] Sign(ReadOnlySpan<byte> payload, Key signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.Algorithm != SignatureAlgorithm.Ed25519)
            throw new ArgumentException("the signing key must be an Ed25519 key", nameof(signingKey));

        var toBeSigned = new byte[SigStructure.GetLength(payload.Length)];
        SigStructure.Write(payload, toBeSigned);
        byte[] signature = SignatureAlgorithm.Ed25519.Sign(signingKey, toBeSigned);
        byte[] kid = signingKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        var writer = new CborWriter(CborRules.Mode);
        writer.WriteTag(CborRules.CoseSign1Tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(SigStructure.ProtectedHeader);
        writer.WriteStartMap(1);
        writer.WriteInt32(4);
        writer.WriteByteString(kid);
        writer.WriteEndMap();
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
