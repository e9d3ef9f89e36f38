using IlmEnergy.Firmware.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.VectorGen;

/// <summary>Ed25519 signer over NSec (libsodium). Ed25519 is deterministic, so the firmware's managed
/// signer produces the same bytes from the same seed.</summary>
public sealed class NSecSigner : IMessageSigner, IDisposable
{
    private readonly Key _key;

    public NSecSigner(byte[] seed)
    {
        _key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
        PublicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public byte[] PublicKey { get; }

    public byte[] Sign(byte[] data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    public void Dispose() => _key.Dispose();
}
