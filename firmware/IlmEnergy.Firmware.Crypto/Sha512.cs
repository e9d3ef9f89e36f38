using System;

namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// SHA-512 (FIPS 180-4). nanoFramework exposes only HMAC, and Ed25519 needs the plain hash,
    /// so it is written here with 64-bit integer arithmetic only.
    /// </summary>
    /// <remarks>
    /// Use: <c>Update</c> any number of times, then <c>Finish</c> once. After <c>Finish</c> call
    /// <c>Reset</c> before hashing another message.
    /// </remarks>
    public sealed class Sha512
    {
        /// <summary>Size of the digest in bytes.</summary>
        public const int HashSize = 64;

        private const int BlockSize = 128;

        // Round constants: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
        private static readonly ulong[] RoundConstants = new ulong[]
        {
            0x428A2F98D728AE22UL, 0x7137449123EF65CDUL, 0xB5C0FBCFEC4D3B2FUL, 0xE9B5DBA58189DBBCUL,
            0x3956C25BF348B538UL, 0x59F111F1B605D019UL, 0x923F82A4AF194F9BUL, 0xAB1C5ED5DA6D8118UL,
            0xD807AA98A3030242UL, 0x12835B0145706FBEUL, 0x243185BE4EE4B28CUL, 0x550C7DC3D5FFB4E2UL,
            0x72BE5D74F27B896FUL, 0x80DEB1FE3B1696B1UL, 0x9BDC06A725C71235UL, 0xC19BF174CF692694UL,
            0xE49B69C19EF14AD2UL, 0xEFBE4786384F25E3UL, 0x0FC19DC68B8CD5B5UL, 0x240CA1CC77AC9C65UL,
            0x2DE92C6F592B0275UL, 0x4A7484AA6EA6E483UL, 0x5CB0A9DCBD41FBD4UL, 0x76F988DA831153B5UL,
            0x983E5152EE66DFABUL, 0xA831C66D2DB43210UL, 0xB00327C898FB213FUL, 0xBF597FC7BEEF0EE4UL,
            0xC6E00BF33DA88FC2UL, 0xD5A79147930AA725UL, 0x06CA6351E003826FUL, 0x142929670A0E6E70UL,
            0x27B70A8546D22FFCUL, 0x2E1B21385C26C926UL, 0x4D2C6DFC5AC42AEDUL, 0x53380D139D95B3DFUL,
            0x650A73548BAF63DEUL, 0x766A0ABB3C77B2A8UL, 0x81C2C92E47EDAEE6UL, 0x92722C851482353BUL,
            0xA2BFE8A14CF10364UL, 0xA81A664BBC423001UL, 0xC24B8B70D0F89791UL, 0xC76C51A30654BE30UL,
            0xD192E819D6EF5218UL, 0xD69906245565A910UL, 0xF40E35855771202AUL, 0x106AA07032BBD1B8UL,
            0x19A4C116B8D2D0C8UL, 0x1E376C085141AB53UL, 0x2748774CDF8EEB99UL, 0x34B0BCB5E19B48A8UL,
            0x391C0CB3C5C95A63UL, 0x4ED8AA4AE3418ACBUL, 0x5B9CCA4F7763E373UL, 0x682E6FF3D6B2B8A3UL,
            0x748F82EE5DEFB2FCUL, 0x78A5636F43172F60UL, 0x84C87814A1F0AB72UL, 0x8CC702081A6439ECUL,
            0x90BEFFFA23631E28UL, 0xA4506CEBDE82BDE9UL, 0xBEF9A3F7B2C67915UL, 0xC67178F2E372532BUL,
            0xCA273ECEEA26619CUL, 0xD186B8C721C0C207UL, 0xEADA7DD6CDE0EB1EUL, 0xF57D4F7FEE6ED178UL,
            0x06F067AA72176FBAUL, 0x0A637DC5A2C898A6UL, 0x113F9804BEF90DAEUL, 0x1B710B35131C471BUL,
            0x28DB77F523047D84UL, 0x32CAAB7B40C72493UL, 0x3C9EBE0A15C9BEBCUL, 0x431D67C49C100D4CUL,
            0x4CC5D4BECB3E42B6UL, 0x597F299CFC657E2AUL, 0x5FCB6FAB3AD6FAECUL, 0x6C44198C4A475817UL,
        };

        // Initial state: first 64 bits of the fractional parts of the square roots of the first 8 primes.
        private static readonly ulong[] InitialState = new ulong[]
        {
            0x6A09E667F3BCC908UL, 0xBB67AE8584CAA73BUL, 0x3C6EF372FE94F82BUL, 0xA54FF53A5F1D36F1UL,
            0x510E527FADE682D1UL, 0x9B05688C2B3E6C1FUL, 0x1F83D9ABFB41BD6BUL, 0x5BE0CD19137E2179UL,
        };

        private readonly ulong[] state = new ulong[8];
        private readonly ulong[] schedule = new ulong[80];
        private readonly byte[] pending = new byte[BlockSize];
        private int pendingCount;
        private long totalBytes;
        private bool finished;

        /// <summary>Creates a hasher ready for <see cref="Update"/>.</summary>
        public Sha512()
        {
            Reset();
        }

        /// <summary>The SHA-512 digest of <paramref name="data"/>.</summary>
        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            Sha512 hasher = new Sha512();
            hasher.Update(data, 0, data.Length);
            return hasher.Finish();
        }

        /// <summary>Forgets everything hashed so far and starts a new message.</summary>
        public void Reset()
        {
            Array.Copy(InitialState, state, 8);
            pendingCount = 0;
            totalBytes = 0;
            finished = false;
        }

        /// <summary>Feeds <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie inside data");
            }

            if (finished)
            {
                throw new InvalidOperationException("Finish was called; call Reset before hashing another message");
            }

            totalBytes += count;

            // Top up a partly filled block first.
            if (pendingCount > 0)
            {
                int take = BlockSize - pendingCount;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, pending, pendingCount, take);
                pendingCount += take;
                offset += take;
                count -= take;
                if (pendingCount < BlockSize)
                {
                    return;
                }

                Compress(pending, 0);
                pendingCount = 0;
            }

            // Whole blocks straight from the caller's buffer, without copying.
            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, pending, 0, count);
                pendingCount = count;
            }
        }

        /// <summary>Pads the message and returns its 64-byte digest.</summary>
        public byte[] Finish()
        {
            if (finished)
            {
                throw new InvalidOperationException("Finish was already called; call Reset first");
            }

            finished = true;

            // Padding: one 0x80 byte, zeros, then the message length in bits as a 128-bit big-endian number.
            pending[pendingCount++] = 0x80;
            if (pendingCount > BlockSize - 16)
            {
                ClearPending(pendingCount, BlockSize);
                Compress(pending, 0);
                pendingCount = 0;
            }

            ClearPending(pendingCount, BlockSize - 16);
            ulong bitLengthHigh = (ulong)totalBytes >> 61;
            ulong bitLengthLow = (ulong)totalBytes << 3;
            WriteBigEndian(bitLengthHigh, pending, BlockSize - 16);
            WriteBigEndian(bitLengthLow, pending, BlockSize - 8);
            Compress(pending, 0);

            byte[] digest = new byte[HashSize];
            for (int i = 0; i < 8; i++)
            {
                WriteBigEndian(state[i], digest, i * 8);
            }

            return digest;
        }

        private void ClearPending(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                pending[i] = 0;
            }
        }

        /// <summary>Mixes one 128-byte block at <paramref name="offset"/> into the state.</summary>
        private void Compress(byte[] block, int offset)
        {
            ulong[] w = schedule;
            for (int t = 0; t < 16; t++)
            {
                w[t] = ReadBigEndian(block, offset + (t * 8));
            }

            for (int t = 16; t < 80; t++)
            {
                ulong x = w[t - 2];
                ulong y = w[t - 15];
                ulong sigma1 = ((x >> 19) | (x << 45)) ^ ((x >> 61) | (x << 3)) ^ (x >> 6);
                ulong sigma0 = ((y >> 1) | (y << 63)) ^ ((y >> 8) | (y << 56)) ^ (y >> 7);
                w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
            }

            ulong a = state[0];
            ulong b = state[1];
            ulong c = state[2];
            ulong d = state[3];
            ulong e = state[4];
            ulong f = state[5];
            ulong g = state[6];
            ulong h = state[7];

            for (int t = 0; t < 80; t++)
            {
                ulong bigSigma1 = ((e >> 14) | (e << 50)) ^ ((e >> 18) | (e << 46)) ^ ((e >> 41) | (e << 23));
                ulong choose = (e & f) ^ (~e & g);
                ulong t1 = h + bigSigma1 + choose + RoundConstants[t] + w[t];
                ulong bigSigma0 = ((a >> 28) | (a << 36)) ^ ((a >> 34) | (a << 30)) ^ ((a >> 39) | (a << 25));
                ulong majority = (a & b) ^ (a & c) ^ (b & c);
                ulong t2 = bigSigma0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            state[0] += a;
            state[1] += b;
            state[2] += c;
            state[3] += d;
            state[4] += e;
            state[5] += f;
            state[6] += g;
            state[7] += h;
        }

        private static ulong ReadBigEndian(byte[] buffer, int offset)
        {
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        private static void WriteBigEndian(ulong value, byte[] buffer, int offset)
        {
            for (int i = 7; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
