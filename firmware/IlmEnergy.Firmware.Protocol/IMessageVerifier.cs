namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>Checks pure Ed25519 signatures (RFC 8032); the device uses it for downlink commands.</summary>
    public interface IMessageVerifier
    {
        /// <summary>
        /// True only if <paramref name="signature"/> (64 bytes) is a valid signature of
        /// <paramref name="data"/> by <paramref name="publicKey"/> (32 bytes). Must not throw on bad input.
        /// </summary>
        bool Verify(byte[] publicKey, byte[] data, byte[] signature);
    }
}
