using IlmEnergy.Firmware.Crypto;

namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>
    /// Verifies Ed25519 signatures with the managed implementation (libsodium's strict rules); the
    /// plug uses it for server-signed DR commands.
    /// </summary>
    public sealed class Ed25519Verifier : IMessageVerifier
    {
        public bool Verify(byte[] publicKey, byte[] data, byte[] signature)
        {
            return Ed25519.Verify(publicKey, data, signature);
        }
    }
}
