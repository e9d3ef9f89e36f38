using System;

namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// Pure Ed25519 (RFC 8032 §5.1) in managed code: the plug signs reading batches and verifies the
    /// server's demand-response commands with it. Signatures are byte-identical to libsodium/NSec.
    /// </summary>
    /// <remarks>
    /// Cost on the plug is counted in field multiplications (<see cref="CryptoStats"/>): signing and
    /// <see cref="PublicKeyFromSeed"/> are one fixed-base multiplication each (744 including the final
    /// inversion), verification 2,991 (both measured by the tests).
    /// Signing runs without secret-dependent branches or table indices; verification handles only
    /// public data and may take variable time.
    /// </remarks>
    public static class Ed25519
    {
        /// <summary>Private key seed length in bytes.</summary>
        public const int SeedSize = 32;

        /// <summary>Encoded public key length in bytes.</summary>
        public const int PublicKeySize = 32;

        /// <summary>Signature length in bytes (R || S).</summary>
        public const int SignatureSize = 64;

        /// <summary>The public key A = [a]B of a 32-byte seed.</summary>
        public static byte[] PublicKeyFromSeed(byte[] seed)
        {
            RequireLength(seed, SeedSize, nameof(seed));

            byte[] expanded = ExpandSeed(seed);
            byte[] secretScalar = new byte[Scalar.Size];
            Array.Copy(expanded, 0, secretScalar, 0, Scalar.Size);

            ExtendedPoint a = new ExtendedPoint();
            BaseMultiplication.Multiply(a, secretScalar);
            byte[] publicKey = new byte[PublicKeySize];
            PointEncoding.Encode(publicKey, 0, a.X, a.Y, a.Z);

            Clear(expanded);
            Clear(secretScalar);
            return publicKey;
        }

        /// <summary>Signs all of <paramref name="message"/>; see the overload with offset and count.</summary>
        public static byte[] Sign(byte[] seed, byte[] publicKey, byte[] message)
        {
            if (message == null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            return Sign(seed, publicKey, message, 0, message.Length);
        }

        /// <summary>
        /// The 64-byte signature of <paramref name="count"/> bytes of <paramref name="message"/> from
        /// <paramref name="offset"/>. <paramref name="publicKey"/> must be <see cref="PublicKeyFromSeed"/>
        /// of the seed (it is hashed, not recomputed, which halves the cost; a wrong key gives an invalid
        /// signature). Throws ArgumentException on wrong lengths or ranges.
        /// </summary>
        public static byte[] Sign(byte[] seed, byte[] publicKey, byte[] message, int offset, int count)
        {
            RequireLength(seed, SeedSize, nameof(seed));
            RequireLength(publicKey, PublicKeySize, nameof(publicKey));
            RequireRange(message, offset, count);

            // RFC 8032 §5.1.6: (a, prefix) = SHA-512(seed); r = SHA-512(prefix || M) mod L; R = [r]B;
            // k = SHA-512(R || A || M) mod L; S = (r + k a) mod L.
            byte[] expanded = ExpandSeed(seed);
            Sha512 hasher = new Sha512();
            hasher.Update(expanded, 32, 32);
            hasher.Update(message, offset, count);
            byte[] rWide = hasher.Finish();
            byte[] r = Scalar.Reduce(rWide);

            ExtendedPoint rPoint = new ExtendedPoint();
            BaseMultiplication.Multiply(rPoint, r);
            byte[] signature = new byte[SignatureSize];
            PointEncoding.Encode(signature, 0, rPoint.X, rPoint.Y, rPoint.Z);

            hasher.Reset();
            hasher.Update(signature, 0, 32);
            hasher.Update(publicKey, 0, PublicKeySize);
            hasher.Update(message, offset, count);
            byte[] k = Scalar.Reduce(hasher.Finish());

            byte[] secretScalar = new byte[Scalar.Size];
            Array.Copy(expanded, 0, secretScalar, 0, Scalar.Size);
            byte[] s = Scalar.MultiplyAdd(k, secretScalar, r);
            Array.Copy(s, 0, signature, 32, Scalar.Size);

            Clear(expanded);
            Clear(rWide);
            Clear(r);
            Clear(secretScalar);
            return signature;
        }

        /// <summary>
        /// True only for a valid signature of the whole <paramref name="message"/>, with libsodium's strict
        /// rules. Never throws: null or wrongly sized input gives false.
        /// </summary>
        public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
        {
            if (message == null)
            {
                return false;
            }

            return Verify(publicKey, message, 0, message.Length, signature);
        }

        /// <summary>
        /// True only if <paramref name="signature"/> is valid for <paramref name="count"/> bytes of
        /// <paramref name="message"/> from <paramref name="offset"/> under <paramref name="publicKey"/>.
        /// Rejects (like libsodium): S &gt;= L, R or A of small order, A not canonical or not on the curve.
        /// A non-canonical R can never equal the canonical re-encoding it is compared with, so it fails too.
        /// </summary>
        public static bool Verify(byte[] publicKey, byte[] message, int offset, int count, byte[] signature)
        {
            if (publicKey == null || publicKey.Length != PublicKeySize
                || signature == null || signature.Length != SignatureSize
                || message == null || offset < 0 || count < 0 || offset > message.Length - count)
            {
                return false;
            }

            if (!Scalar.IsCanonical(signature, 32)
                || PointEncoding.HasSmallOrder(signature, 0)
                || !PointEncoding.IsCanonical(publicKey, 0)
                || PointEncoding.HasSmallOrder(publicKey, 0))
            {
                return false;
            }

            ExtendedPoint minusA = new ExtendedPoint();
            if (!PointEncoding.TryDecodeNegated(minusA, publicKey))
            {
                return false;
            }

            Sha512 hasher = new Sha512();
            hasher.Update(signature, 0, 32);
            hasher.Update(publicKey, 0, PublicKeySize);
            hasher.Update(message, offset, count);
            byte[] k = Scalar.Reduce(hasher.Finish());

            byte[] s = new byte[Scalar.Size];
            Array.Copy(signature, 32, s, 0, Scalar.Size);

            // [S]B - [k]A must equal R.
            ProjectivePoint check = new ProjectivePoint();
            DoubleScalarMultiplication.Multiply(check, k, minusA, s);
            byte[] encoded = new byte[PointEncoding.Size];
            PointEncoding.Encode(encoded, 0, check.X, check.Y, check.Z);

            int difference = 0;
            for (int i = 0; i < PointEncoding.Size; i++)
            {
                difference |= encoded[i] ^ signature[i];
            }

            return difference == 0;
        }

        /// <summary>SHA-512 of the seed with the scalar half clamped (RFC 8032 §5.1.5).</summary>
        private static byte[] ExpandSeed(byte[] seed)
        {
            byte[] expanded = Sha512.Hash(seed);
            expanded[0] &= 248;
            expanded[31] &= 127;
            expanded[31] |= 64;
            return expanded;
        }

        private static void RequireLength(byte[] value, int length, string name)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }

            if (value.Length != length)
            {
                throw new ArgumentException("must be exactly " + length.ToString() + " bytes", name);
            }
        }

        private static void RequireRange(byte[] message, int offset, int count)
        {
            if (message == null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            if (offset < 0 || count < 0 || offset > message.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie inside message");
            }
        }

        private static void Clear(byte[] data)
        {
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = 0;
            }
        }
    }
}
