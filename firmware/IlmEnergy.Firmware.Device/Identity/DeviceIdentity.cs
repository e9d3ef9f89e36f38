using IlmEnergy.Firmware.Device.Platform;
using IlmEnergy.Firmware.Protocol;
using IlmEnergy.Firmware.Protocol.Encoding;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// The plug's Ed25519 identity (docs/protocol.md §1). On first boot a 32-byte seed is drawn from the
    /// hardware RNG and saved in its own <see cref="DurableRecord"/> ("identity.a/.b", CRC-checked), so a
    /// power cut while saving can never leave a half-written key. The seed stays inside this class and the
    /// signer: it is never logged, published or returned. Device id = Base58(public key).
    /// </summary>
    public sealed class DeviceIdentity
    {
        public const string RecordName = "identity";
        public const int SeedSize = 32;

        private DeviceIdentity(Ed25519Signer signer, bool created)
        {
            Signer = signer;
            PublicKey = signer.PublicKey;
            DeviceId = Base58.Encode(PublicKey);
            Created = created;
        }

        /// <summary>Signs readings and hello with the device key.</summary>
        public Ed25519Signer Signer { get; private set; }

        public byte[] PublicKey { get; private set; }

        /// <summary>Base58 of the public key: the MQTT client id and the {id} in every topic.</summary>
        public string DeviceId { get; private set; }

        /// <summary>True when this boot generated the key (first boot, or the identity record was lost).</summary>
        public bool Created { get; private set; }

        /// <summary>Lower-case hex of the public key, for the boot log.</summary>
        public string PublicKeyHex
        {
            get
            {
                const string digits = "0123456789abcdef";
                char[] text = new char[PublicKey.Length * 2];
                for (int i = 0; i < PublicKey.Length; i++)
                {
                    text[2 * i] = digits[PublicKey[i] >> 4];
                    text[2 * i + 1] = digits[PublicKey[i] & 0x0F];
                }

                return new string(text);
            }
        }

        /// <summary>Loads the stored identity, or creates and saves a new one when none is valid.</summary>
        public static DeviceIdentity LoadOrCreate(IFileStore files, IRandomSource random)
        {
            DurableRecord record = new DurableRecord(files, RecordName);
            byte[] seed = record.Load();
            bool created = false;
            if (seed == null || seed.Length != SeedSize)
            {
                seed = new byte[SeedSize];
                random.NextBytes(seed);
                if (IsDegenerate(seed))
                {
                    // A dead RNG (all bytes equal) would hand every plug the same key: refuse to go on.
                    throw new System.InvalidOperationException("random source returned a degenerate seed");
                }

                record.Save(seed);
                created = true;
            }

            DeviceIdentity identity = new DeviceIdentity(new Ed25519Signer(seed), created);
            System.Array.Clear(seed, 0, seed.Length);
            return identity;
        }

        private static bool IsDegenerate(byte[] seed)
        {
            for (int i = 1; i < seed.Length; i++)
            {
                if (seed[i] != seed[0])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
