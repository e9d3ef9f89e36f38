namespace IlmEnergy.Firmware.Protocol.Cose
{
    /// <summary>The four parts of a decoded COSE_Sign1, as received (byte strings copied out verbatim).</summary>
    public class CoseSign1Message
    {
        /// <summary>The protected header's serialized bytes, exactly as received (signed as such).</summary>
        public byte[] ProtectedHeader;

        /// <summary>The signer's 32-byte Ed25519 public key (unprotected label 4).</summary>
        public byte[] KeyId;

        public byte[] Payload;

        public byte[] Signature;
    }
}
