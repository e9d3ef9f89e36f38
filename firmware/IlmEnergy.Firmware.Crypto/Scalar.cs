namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// Arithmetic modulo the group order L = 2^252 + 27742317777372353535851937790883648493.
    /// Numbers are held as signed 21-bit limbs in <c>long</c>s (limb i weighs 2^(21 i)), so a product of
    /// two limbs plus a dozen sums fits 64 bits. Limb 12 weighs 2^252 = -l0 (mod L), which lets any limb
    /// at or above 12 be folded down as a multiple of -l0 twelve limbs lower. No secret-dependent branches.
    /// </summary>
    internal static class Scalar
    {
        internal const int Size = 32;

        private const int LimbBits = 21;

        // -l0 = 2^252 mod L written in signed radix 2^21 (six digits).
        private static readonly long[] MinusL0 = new long[] { 666643, 470296, 654183, -997805, 136657, -683901 };

        // L itself in 12 limbs of radix 2^21 (the top limb holds 2^252 / 2^231).
        private static readonly long[] Order = new long[]
        {
            1430509, 1626855, 1442968, 997804, 1960495, 683900, 0, 0, 0, 0, 0, 1L << 21,
        };

        // L as 32 little-endian bytes, for the canonicity check of signatures.
        private static readonly byte[] OrderBytes = new byte[]
        {
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
        };

        /// <summary>A 64-byte little-endian number (a SHA-512 output) reduced mod L, as 32 bytes.</summary>
        internal static byte[] Reduce(byte[] wide)
        {
            long[] s = Load(wide, 0, 64, 24);
            ReduceLimbs(s);
            return Store(s);
        }

        /// <summary>(a * b + c) mod L, for 32-byte little-endian a, b, c (any values below 2^256).</summary>
        internal static byte[] MultiplyAdd(byte[] a, byte[] b, byte[] c)
        {
            long[] x = Load(a, 0, 32, 12);
            long[] y = Load(b, 0, 32, 12);
            long[] s = Load(c, 0, 32, 24);

            for (int i = 0; i < 12; i++)
            {
                long xi = x[i];
                for (int j = 0; j < 12; j++)
                {
                    s[i + j] += xi * y[j];
                }
            }

            // Products reach ~2^54 per limb: carry them down to 21 bits before folding multiplies them again.
            CarryRounded(s, 0, 23);
            ReduceLimbs(s);

            Clear(x);
            Clear(y);
            byte[] result = Store(s);
            Clear(s);
            return result;
        }

        /// <summary>True if the 32 bytes at <paramref name="offset"/> are a number below L (RFC 8032's check on S).</summary>
        internal static bool IsCanonical(byte[] s, int offset)
        {
            for (int i = 31; i >= 0; i--)
            {
                int value = s[offset + i];
                int limit = OrderBytes[i];
                if (value != limit)
                {
                    return value < limit;
                }
            }

            return false;
        }

        /// <summary>
        /// Reduces 24 limbs (each within 2^30 after carrying, limb 23 up to 2^30) to a value in [0, L) in
        /// limbs 0..11. Each fold adds digit * limb (&lt; 2^50) six times to lower limbs, and carries in
        /// between keep every sum far from 2^63.
        /// </summary>
        private static void ReduceLimbs(long[] s)
        {
            Fold(s, 23, 18);
            CarryRounded(s, 6, 17);
            Fold(s, 17, 12);
            CarryRounded(s, 0, 12);
            Fold(s, 12, 12);
            CarryRounded(s, 0, 12);
            Fold(s, 12, 12);

            // Now |value| < 2^253. Carry exactly: limbs 0..10 become 21-bit non-negative, limb 11 keeps the sign.
            CarryFloor(s, 0, 11);
            AddOrderIfNegative(s);
            SubtractOrderIfNotBelow(s);
        }

        /// <summary>Folds limbs <paramref name="from"/> down to <paramref name="to"/> into the limbs 12 places lower.</summary>
        private static void Fold(long[] s, int from, int to)
        {
            for (int i = from; i >= to; i--)
            {
                long limb = s[i];
                s[i] = 0;
                int target = i - 12;
                for (int k = 0; k < 6; k++)
                {
                    s[target + k] += limb * MinusL0[k];
                }
            }
        }

        /// <summary>Carries limbs first..last-1 into their successors, leaving them in [-2^20, 2^20).</summary>
        private static void CarryRounded(long[] s, int first, int last)
        {
            for (int i = first; i < last; i++)
            {
                long carry = (s[i] + (1L << (LimbBits - 1))) >> LimbBits;
                s[i + 1] += carry;
                s[i] -= carry << LimbBits;
            }
        }

        /// <summary>Carries limbs first..last-1 into their successors, leaving them in [0, 2^21).</summary>
        private static void CarryFloor(long[] s, int first, int last)
        {
            for (int i = first; i < last; i++)
            {
                long carry = s[i] >> LimbBits;
                s[i + 1] += carry;
                s[i] -= carry << LimbBits;
            }
        }

        /// <summary>Adds L when the value (sign in limb 11) is negative; a mask instead of a branch.</summary>
        private static void AddOrderIfNegative(long[] s)
        {
            long negative = s[11] >> 63;
            for (int i = 0; i < 12; i++)
            {
                s[i] += Order[i] & negative;
            }

            CarryFloor(s, 0, 11);
        }

        /// <summary>Subtracts L when the value is at least L, again selecting with a mask.</summary>
        private static void SubtractOrderIfNotBelow(long[] s)
        {
            long[] difference = new long[12];
            for (int i = 0; i < 12; i++)
            {
                difference[i] = s[i] - Order[i];
            }

            CarryFloor(difference, 0, 11);

            // difference[11] < 0 means s < L: keep s.
            long keep = difference[11] >> 63;
            for (int i = 0; i < 12; i++)
            {
                s[i] = (s[i] & keep) | (difference[i] & ~keep);
            }

            Clear(difference);
        }

        /// <summary>Splits <paramref name="length"/> little-endian bytes into 21-bit limbs; the last limb takes all remaining bits.</summary>
        private static long[] Load(byte[] bytes, int offset, int length, int limbCount)
        {
            long[] limbs = new long[limbCount];
            int totalBits = length * 8;
            int limb = 0;
            int bitInLimb = 0;
            for (int bit = 0; bit < totalBits; bit++)
            {
                long value = (bytes[offset + (bit >> 3)] >> (bit & 7)) & 1;
                limbs[limb] |= value << bitInLimb;
                bitInLimb++;
                if (bitInLimb == LimbBits && limb < limbCount - 1 && (limb + 1) * LimbBits < totalBits)
                {
                    limb++;
                    bitInLimb = 0;
                }
            }

            return limbs;
        }

        /// <summary>
        /// Writes a reduced value as 32 little-endian bytes. Limbs 0..10 are in [0, 2^21); limb 11 may hold
        /// 22 bits, since L itself exceeds 2^252.
        /// </summary>
        private static byte[] Store(long[] s)
        {
            byte[] result = new byte[Size];
            long buffer = 0;
            int bufferedBits = 0;
            int next = 0;
            for (int i = 0; i < 12; i++)
            {
                buffer |= s[i] << bufferedBits;
                bufferedBits += LimbBits;
                while (bufferedBits >= 8)
                {
                    result[next++] = (byte)buffer;
                    buffer >>= 8;
                    bufferedBits -= 8;
                }
            }

            // 252 bits wrote 31 bytes; the rest of limb 11 (bits 248..252) goes into the last byte.
            result[next] = (byte)buffer;
            return result;
        }

        private static void Clear(long[] limbs)
        {
            for (int i = 0; i < limbs.Length; i++)
            {
                limbs[i] = 0;
            }
        }
    }
}
