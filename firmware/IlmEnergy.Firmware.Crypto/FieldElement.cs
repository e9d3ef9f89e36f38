namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// Arithmetic in GF(2^255 - 19). An element is an <c>int[10]</c> of signed limbs in radix 2^25.5:
    /// value = h0 + h1*2^26 + h2*2^51 + h3*2^77 + h4*2^102 + h5*2^128 + h6*2^153 + h7*2^179 + h8*2^204 + h9*2^230
    /// (even limbs carry 26 bits, odd limbs 25). Products of two limbs fit a <c>long</c>, so no
    /// 128-bit arithmetic is needed, which matters on the plug's 32-bit interpreter.
    /// </summary>
    /// <remarks>
    /// Bounds follow the ref10 design: outputs of <see cref="Mul"/>/<see cref="Square"/> have
    /// |limb| &lt;= ~2^25; <see cref="Add"/>/<see cref="Sub"/> do not carry, and their results may be fed
    /// straight into a multiplication but not into another addition chain of unbounded length.
    /// Every output may alias an input. Nothing here branches on secret values.
    /// </remarks>
    internal static class FieldElement
    {
        /// <summary>Number of limbs in an element.</summary>
        internal const int LimbCount = 10;

        /// <summary>A new element equal to zero.</summary>
        internal static int[] Create()
        {
            return new int[LimbCount];
        }

        internal static void SetZero(int[] h)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                h[i] = 0;
            }
        }

        internal static void SetOne(int[] h)
        {
            SetZero(h);
            h[0] = 1;
        }

        internal static void Copy(int[] h, int[] f)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                h[i] = f[i];
            }
        }

        /// <summary>Copies <c>LimbCount</c> limbs from a flat constant table at <paramref name="offset"/>.</summary>
        internal static void CopyFrom(int[] h, int[] table, int offset)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                h[i] = table[offset + i];
            }
        }

        /// <summary>h = f + g (no carry).</summary>
        internal static void Add(int[] h, int[] f, int[] g)
        {
            h[0] = f[0] + g[0];
            h[1] = f[1] + g[1];
            h[2] = f[2] + g[2];
            h[3] = f[3] + g[3];
            h[4] = f[4] + g[4];
            h[5] = f[5] + g[5];
            h[6] = f[6] + g[6];
            h[7] = f[7] + g[7];
            h[8] = f[8] + g[8];
            h[9] = f[9] + g[9];
        }

        /// <summary>h = f - g (no carry).</summary>
        internal static void Sub(int[] h, int[] f, int[] g)
        {
            h[0] = f[0] - g[0];
            h[1] = f[1] - g[1];
            h[2] = f[2] - g[2];
            h[3] = f[3] - g[3];
            h[4] = f[4] - g[4];
            h[5] = f[5] - g[5];
            h[6] = f[6] - g[6];
            h[7] = f[7] - g[7];
            h[8] = f[8] - g[8];
            h[9] = f[9] - g[9];
        }

        /// <summary>h = -f.</summary>
        internal static void Neg(int[] h, int[] f)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                h[i] = -f[i];
            }
        }

        /// <summary>
        /// h = f when <paramref name="choice"/> is 1, h unchanged when it is 0; the same work either way,
        /// so a secret choice does not show in timing.
        /// </summary>
        internal static void ConditionalMove(int[] h, int[] f, int choice)
        {
            int mask = -choice;
            for (int i = 0; i < LimbCount; i++)
            {
                h[i] ^= (h[i] ^ f[i]) & mask;
            }
        }

        /// <summary>Like <see cref="ConditionalMove"/>, reading f from a flat table at <paramref name="offset"/>.</summary>
        internal static void ConditionalMoveFrom(int[] h, int[] table, int offset, int choice)
        {
            int mask = -choice;
            for (int i = 0; i < LimbCount; i++)
            {
                h[i] ^= (h[i] ^ table[offset + i]) & mask;
            }
        }

        /// <summary>h = f * g. Counted in <see cref="CryptoStats"/>.</summary>
        internal static void Mul(int[] h, int[] f, int[] g)
        {
            CryptoStats.MultiplicationCount++;

            // Limbs are widened once so every product below is a 64-bit multiply without conversions.
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
            long f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
            long g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];

            // Odd*odd limb products land on a half-bit boundary, hence the factor 2;
            // anything at or above 2^255 wraps around as a factor 19 (2^255 = 19 mod p).
            long f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
            long g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4, g5_19 = 19 * g5;
            long g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8, g9_19 = 19 * g9;

            long h0 = f0 * g0 + f1_2 * g9_19 + f2 * g8_19 + f3_2 * g7_19
                + f4 * g6_19 + f5_2 * g5_19 + f6 * g4_19 + f7_2 * g3_19
                + f8 * g2_19 + f9_2 * g1_19;
            long h1 = f0 * g1 + f1 * g0 + f2 * g9_19 + f3 * g8_19
                + f4 * g7_19 + f5 * g6_19 + f6 * g5_19 + f7 * g4_19
                + f8 * g3_19 + f9 * g2_19;
            long h2 = f0 * g2 + f1_2 * g1 + f2 * g0 + f3_2 * g9_19
                + f4 * g8_19 + f5_2 * g7_19 + f6 * g6_19 + f7_2 * g5_19
                + f8 * g4_19 + f9_2 * g3_19;
            long h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0
                + f4 * g9_19 + f5 * g8_19 + f6 * g7_19 + f7 * g6_19
                + f8 * g5_19 + f9 * g4_19;
            long h4 = f0 * g4 + f1_2 * g3 + f2 * g2 + f3_2 * g1
                + f4 * g0 + f5_2 * g9_19 + f6 * g8_19 + f7_2 * g7_19
                + f8 * g6_19 + f9_2 * g5_19;
            long h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2
                + f4 * g1 + f5 * g0 + f6 * g9_19 + f7 * g8_19
                + f8 * g7_19 + f9 * g6_19;
            long h6 = f0 * g6 + f1_2 * g5 + f2 * g4 + f3_2 * g3
                + f4 * g2 + f5_2 * g1 + f6 * g0 + f7_2 * g9_19
                + f8 * g8_19 + f9_2 * g7_19;
            long h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4
                + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0
                + f8 * g9_19 + f9 * g8_19;
            long h8 = f0 * g8 + f1_2 * g7 + f2 * g6 + f3_2 * g5
                + f4 * g4 + f5_2 * g3 + f6 * g2 + f7_2 * g1
                + f8 * g0 + f9_2 * g9_19;
            long h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6
                + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2
                + f8 * g1 + f9 * g0;
            Carry(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
        }

        /// <summary>h = f^2. Counted in <see cref="CryptoStats"/>.</summary>
        internal static void Square(int[] h, int[] f)
        {
            CryptoStats.MultiplicationCount++;
            SquareInto(h, f, false);
        }

        /// <summary>h = 2 * f^2 (the doubling formula needs it). Counted in <see cref="CryptoStats"/>.</summary>
        internal static void SquareDouble(int[] h, int[] f)
        {
            CryptoStats.MultiplicationCount++;
            SquareInto(h, f, true);
        }

        private static void SquareInto(int[] h, int[] f, bool doubled)
        {
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
            long f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];

            // Same schedule as Mul with f == g: each cross product appears once, doubled.
            long f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4;
            long f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9;
            long f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8, f9_19 = 19 * f9;
            long f7_38 = 38 * f7, f9_38 = 38 * f9;

            long h0 = f0 * f0 + f1_2 * f9_38 + f2_2 * f8_19 + f3_2 * f7_38
                + f4_2 * f6_19 + f5_2 * f5_19;
            long h1 = f0_2 * f1 + f2_2 * f9_19 + f3_2 * f8_19 + f4_2 * f7_19
                + f5_2 * f6_19;
            long h2 = f0_2 * f2 + f1_2 * f1 + f3_2 * f9_38 + f4_2 * f8_19
                + f5_2 * f7_38 + f6 * f6_19;
            long h3 = f0_2 * f3 + f1_2 * f2 + f4_2 * f9_19 + f5_2 * f8_19
                + f6_2 * f7_19;
            long h4 = f0_2 * f4 + f1_2 * f3_2 + f2 * f2 + f5_2 * f9_38
                + f6_2 * f8_19 + f7_2 * f7_19;
            long h5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6_2 * f9_19
                + f7_2 * f8_19;
            long h6 = f0_2 * f6 + f1_2 * f5_2 + f2_2 * f4 + f3_2 * f3
                + f7_2 * f9_38 + f8 * f8_19;
            long h7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4
                + f8_2 * f9_19;
            long h8 = f0_2 * f8 + f1_2 * f7_2 + f2_2 * f6 + f3_2 * f5_2
                + f4 * f4 + f9_2 * f9_19;
            long h9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6
                + f4_2 * f5;
            if (doubled)
            {
                h0 += h0;
                h1 += h1;
                h2 += h2;
                h3 += h3;
                h4 += h4;
                h5 += h5;
                h6 += h6;
                h7 += h7;
                h8 += h8;
                h9 += h9;
            }

            Carry(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
        }

        /// <summary>
        /// Brings 64-bit limb sums back to 26/25 bits each (rounded, so limbs may be negative) and stores them.
        /// Two interleaved chains keep the dependency depth short; the carry out of h9 re-enters h0 times 19.
        /// </summary>
        private static void Carry(
            int[] h, long h0, long h1, long h2, long h3, long h4, long h5, long h6, long h7, long h8, long h9)
        {
            const long Round26 = 1L << 25;
            const long Round25 = 1L << 24;
            long c;

            c = (h0 + Round26) >> 26; h1 += c; h0 -= c << 26;
            c = (h4 + Round26) >> 26; h5 += c; h4 -= c << 26;
            c = (h1 + Round25) >> 25; h2 += c; h1 -= c << 25;
            c = (h5 + Round25) >> 25; h6 += c; h5 -= c << 25;
            c = (h2 + Round26) >> 26; h3 += c; h2 -= c << 26;
            c = (h6 + Round26) >> 26; h7 += c; h6 -= c << 26;
            c = (h3 + Round25) >> 25; h4 += c; h3 -= c << 25;
            c = (h7 + Round25) >> 25; h8 += c; h7 -= c << 25;
            c = (h4 + Round26) >> 26; h5 += c; h4 -= c << 26;
            c = (h8 + Round26) >> 26; h9 += c; h8 -= c << 26;
            c = (h9 + Round25) >> 25; h0 += c * 19; h9 -= c << 25;
            c = (h0 + Round26) >> 26; h1 += c; h0 -= c << 26;

            h[0] = (int)h0;
            h[1] = (int)h1;
            h[2] = (int)h2;
            h[3] = (int)h3;
            h[4] = (int)h4;
            h[5] = (int)h5;
            h[6] = (int)h6;
            h[7] = (int)h7;
            h[8] = (int)h8;
            h[9] = (int)h9;
        }

        /// <summary>h = f^(2^n): n squarings in a row.</summary>
        private static void SquareTimes(int[] h, int[] f, int n)
        {
            Square(h, f);
            for (int i = 1; i < n; i++)
            {
                Square(h, h);
            }
        }

        /// <summary>h = 1/z = z^(p-2) (Fermat); 254 squarings and 11 multiplications. z = 0 gives 0.</summary>
        internal static void Invert(int[] h, int[] z)
        {
            int[] z11 = Create();
            int[] t = Create();
            int[] z_250_0 = PowerChainTo250(z, z11, t);

            // z^(2^255 - 32) * z^11 = z^(2^255 - 21) = z^(p - 2)
            SquareTimes(t, z_250_0, 5);
            Mul(h, t, z11);
        }

        /// <summary>h = z^((p-5)/8) = z^(2^252 - 3), the core of the square root used to decode points.</summary>
        internal static void Pow22523(int[] h, int[] z)
        {
            int[] z11 = Create();
            int[] t = Create();
            int[] z_250_0 = PowerChainTo250(z, z11, t);

            // z^(2^252 - 4) * z = z^(2^252 - 3)
            SquareTimes(t, z_250_0, 2);
            Mul(h, t, z);
        }

        /// <summary>Returns z^(2^250 - 1) and sets <paramref name="z11"/> = z^11: the shared start of both exponentiations. <paramref name="t"/> is scratch.</summary>
        private static int[] PowerChainTo250(int[] z, int[] z11, int[] t)
        {
            // The addition chain shared by Invert and Pow22523. Exponents are tracked in the names:
            // z2 = z^2, z9 = z^9, z11 = z^11 (returned to the caller), z_5_0 = z^(2^5 - 1), ...
            int[] z2 = Create();
            int[] z9 = Create();
            int[] z_5_0 = Create();
            Square(z2, z);
            SquareTimes(t, z2, 2);
            Mul(z9, t, z);
            Mul(z11, z9, z2);
            Square(t, z11);
            Mul(z_5_0, t, z9);

            int[] z_10_0 = Create();
            int[] z_20_0 = Create();
            int[] z_50_0 = Create();
            int[] z_100_0 = Create();
            int[] z_250_0 = Create();

            SquareTimes(t, z_5_0, 5);
            Mul(z_10_0, t, z_5_0);
            SquareTimes(t, z_10_0, 10);
            Mul(z_20_0, t, z_10_0);
            SquareTimes(t, z_20_0, 20);
            Mul(t, t, z_20_0);
            SquareTimes(t, t, 10);
            Mul(z_50_0, t, z_10_0);
            SquareTimes(t, z_50_0, 50);
            Mul(z_100_0, t, z_50_0);
            SquareTimes(t, z_100_0, 100);
            Mul(t, t, z_100_0);
            SquareTimes(t, t, 50);
            Mul(z_250_0, t, z_50_0);
            return z_250_0;
        }

        /// <summary>
        /// Reads 32 little-endian bytes at <paramref name="offset"/>. The top bit is ignored (it carries the
        /// sign of x in point encodings); values in [p, 2^255) are accepted and simply mean value - p.
        /// </summary>
        internal static void FromBytes(int[] h, byte[] s, int offset)
        {
            long buffer = 0;
            int bufferedBits = 0;
            int next = offset;
            for (int i = 0; i < LimbCount; i++)
            {
                int width = LimbWidth(i);
                while (bufferedBits < width)
                {
                    buffer |= (long)s[next++] << bufferedBits;
                    bufferedBits += 8;
                }

                h[i] = (int)(buffer & ((1L << width) - 1));
                buffer >>= width;
                bufferedBits -= width;
            }
        }

        /// <summary>Writes the canonical (fully reduced, &lt; p) 32-byte little-endian encoding of h.</summary>
        internal static void ToBytes(byte[] s, int offset, int[] h)
        {
            long h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4];
            long h5 = h[5], h6 = h[6], h7 = h[7], h8 = h[8], h9 = h[9];

            // q = floor(h / p) is 0 or 1 for bounded limbs: add 19 and see whether 2^255 overflows.
            long q = ((19 * h9) + (1L << 24)) >> 25;
            q = (h0 + q) >> 26;
            q = (h1 + q) >> 25;
            q = (h2 + q) >> 26;
            q = (h3 + q) >> 25;
            q = (h4 + q) >> 26;
            q = (h5 + q) >> 25;
            q = (h6 + q) >> 26;
            q = (h7 + q) >> 25;
            q = (h8 + q) >> 26;
            q = (h9 + q) >> 25;

            // h - q*p = h + 19q - q*2^255: add 19q, carry exactly (floor), then drop bit 255.
            h0 += 19 * q;
            long c;
            c = h0 >> 26; h1 += c; h0 -= c << 26;
            c = h1 >> 25; h2 += c; h1 -= c << 25;
            c = h2 >> 26; h3 += c; h2 -= c << 26;
            c = h3 >> 25; h4 += c; h3 -= c << 25;
            c = h4 >> 26; h5 += c; h4 -= c << 26;
            c = h5 >> 25; h6 += c; h5 -= c << 25;
            c = h6 >> 26; h7 += c; h6 -= c << 26;
            c = h7 >> 25; h8 += c; h7 -= c << 25;
            c = h8 >> 26; h9 += c; h8 -= c << 26;
            c = h9 >> 25; h9 -= c << 25;

            long[] limbs = new long[] { h0, h1, h2, h3, h4, h5, h6, h7, h8, h9 };
            long buffer = 0;
            int bufferedBits = 0;
            int next = offset;
            for (int i = 0; i < LimbCount; i++)
            {
                buffer |= limbs[i] << bufferedBits;
                bufferedBits += LimbWidth(i);
                while (bufferedBits >= 8)
                {
                    s[next++] = (byte)buffer;
                    buffer >>= 8;
                    bufferedBits -= 8;
                }
            }

            // 255 bits leave 7 in the buffer: the last byte, with the top bit clear.
            s[next] = (byte)buffer;
        }

        /// <summary>1 if the canonical encoding of f is odd ("negative" in RFC 8032 terms), else 0.</summary>
        internal static int IsNegative(int[] f)
        {
            byte[] s = new byte[32];
            ToBytes(s, 0, f);
            return s[0] & 1;
        }

        /// <summary>True if f = 0 mod p.</summary>
        internal static bool IsZero(int[] f)
        {
            byte[] s = new byte[32];
            ToBytes(s, 0, f);
            int any = 0;
            for (int i = 0; i < 32; i++)
            {
                any |= s[i];
            }

            return any == 0;
        }

        private static int LimbWidth(int index)
        {
            return (index & 1) == 0 ? 26 : 25;
        }
    }
}
