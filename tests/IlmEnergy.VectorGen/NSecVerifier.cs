using IlmEnergy.Firmware.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.VectorGen;

/// <summary>Ed25519 verification over NSec, with libsodium's rules (canonical S, no small-order keys).</summary>
public sealed class NSecVerifier : IMessageVerifier
{
    public bool Verify(byte[] publicKey, byte[] data, byte[] signature)
    {
        if (publicKey is not { Length: 32 } || signature is not { Length: 64 })
        {
            return false;
        }

        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? key))
        {
            return false;
        }

        return SignatureAlgorithm.Ed25519.Verify(key!, data, signature);
    }
}
