using System;
using IlmEnergy.Firmware.Crypto;

namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>
    /// Signs with an Ed25519 key held in memory, through the managed implementation in
    /// IlmEnergy.Firmware.Crypto: the plug's own signer. The public key is derived once, because
    /// signing trusts the public key it is given.
    /// </summary>
    public sealed class Ed25519Signer : IMessageSigner
    {
        private readonly byte[] seed;
        private readonly byte[] publicKey;

        /// <param name="seed">The 32-byte private seed; copied, never exposed.</param>
        public Ed25519Signer(byte[] seed)
        {
            if (seed == null) throw new ArgumentNullException("seed");
            if (seed.Length != Ed25519.SeedSize) throw new ArgumentException("An Ed25519 seed has 32 bytes.", "seed");
            this.seed = new byte[Ed25519.SeedSize];
            Array.Copy(seed, this.seed, Ed25519.SeedSize);
            publicKey = Ed25519.PublicKeyFromSeed(this.seed);
        }

        public byte[] PublicKey
        {
            get
            {
                byte[] copy = new byte[publicKey.Length];
                Array.Copy(publicKey, copy, publicKey.Length);
                return copy;
            }
        }

        public byte[] Sign(byte[] data)
        {
            return Ed25519.Sign(seed, publicKey, data);
        }
    }
}
