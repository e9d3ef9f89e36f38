namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>
    /// Signs with the device's (or, in tests and on the server, the command key's) Ed25519 key.
    /// The private key stays behind this interface; the protocol core only sees signatures.
    /// </summary>
    public interface IMessageSigner
    {
        /// <summary>The 32-byte Ed25519 public key; it becomes the COSE kid.</summary>
        byte[] PublicKey { get; }

        /// <summary>A 64-byte pure Ed25519 signature (RFC 8032) over <paramref name="data"/>.</summary>
        byte[] Sign(byte[] data);
    }
}
