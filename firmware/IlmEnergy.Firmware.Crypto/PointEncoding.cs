namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// The 32-byte point encoding of RFC 8032 §5.1.2-5.1.3 (y little-endian, sign of x in the top bit),
    /// plus the strictness checks libsodium applies to keys and signatures before any curve arithmetic.
    /// </summary>
    internal static class PointEncoding
    {
        internal const int Size = 32;

        // Encodings of points of order 1, 2, 4 and 8 (libsodium's blocklist), compared with the sign
        // bit masked off. Includes the non-canonical encodings p (= 0) and p + 1 (= 1).
        private static readonly byte[][] SmallOrderEncodings = new byte[][]
        {
            // 0 (order 4)
            new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },

            // 1 (order 1, the identity)
            new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },

            // order 8
            new byte[] { 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05 },

            // order 8
            new byte[] { 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a },

            // p - 1 (order 2)
            new byte[] { 0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },

            // p (non-canonical 0, order 4)
            new byte[] { 0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },

            // p + 1 (non-canonical 1, order 1)
            new byte[] { 0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
        };

        /// <summary>Writes the encoding of (X:Y:Z) to <paramref name="s"/> at <paramref name="offset"/> (one inversion).</summary>
        internal static void Encode(byte[] s, int offset, int[] pointX, int[] pointY, int[] pointZ)
        {
            int[] inverseZ = FieldElement.Create();
            int[] x = FieldElement.Create();
            int[] y = FieldElement.Create();
            FieldElement.Invert(inverseZ, pointZ);
            FieldElement.Mul(x, pointX, inverseZ);
            FieldElement.Mul(y, pointY, inverseZ);
            FieldElement.ToBytes(s, offset, y);
            s[offset + 31] ^= (byte)(FieldElement.IsNegative(x) << 7);
        }

        /// <summary>
        /// Decodes an encoding into <b>minus</b> the point (verification needs -A), in variable time.
        /// False if no point has that y. Canonicity is checked separately by <see cref="IsCanonical"/>.
        /// </summary>
        internal static bool TryDecodeNegated(ExtendedPoint h, byte[] s)
        {
            int[] u = FieldElement.Create();
            int[] v = FieldElement.Create();
            int[] v3 = FieldElement.Create();
            int[] check = FieldElement.Create();

            FieldElement.FromBytes(h.Y, s, 0);
            FieldElement.SetOne(h.Z);

            // x^2 = u/v with u = y^2 - 1 and v = d*y^2 + 1 (from -x^2 + y^2 = 1 + d x^2 y^2).
            FieldElement.Square(u, h.Y);
            FieldElement.Mul(v, u, CurveConstants.D);
            FieldElement.Sub(u, u, h.Z);
            FieldElement.Add(v, v, h.Z);

            // Candidate root x = u v^3 (u v^7)^((p-5)/8) (RFC 8032 §5.1.3 step 2).
            FieldElement.Square(v3, v);
            FieldElement.Mul(v3, v3, v);
            FieldElement.Square(h.X, v3);
            FieldElement.Mul(h.X, h.X, v);
            FieldElement.Mul(h.X, h.X, u);
            FieldElement.Pow22523(h.X, h.X);
            FieldElement.Mul(h.X, h.X, v3);
            FieldElement.Mul(h.X, h.X, u);

            // v x^2 = u: root found; v x^2 = -u: multiply by sqrt(-1); otherwise u/v is no square.
            int[] vxx = FieldElement.Create();
            FieldElement.Square(vxx, h.X);
            FieldElement.Mul(vxx, vxx, v);
            FieldElement.Sub(check, vxx, u);
            if (!FieldElement.IsZero(check))
            {
                FieldElement.Add(check, vxx, u);
                if (!FieldElement.IsZero(check))
                {
                    return false;
                }

                FieldElement.Mul(h.X, h.X, CurveConstants.SqrtMinusOne);
            }

            // Pick the root whose sign is the opposite of the encoded one: that is -x.
            if (FieldElement.IsNegative(h.X) == ((s[31] >> 7) & 1))
            {
                FieldElement.Neg(h.X, h.X);
            }

            FieldElement.Mul(h.T, h.X, h.Y);
            return true;
        }

        /// <summary>True if the y in <paramref name="s"/> (top bit ignored) is below p, i.e. the encoding is canonical.</summary>
        internal static bool IsCanonical(byte[] s, int offset)
        {
            // y >= p only for y = 2^255 - 19 .. 2^255 - 1: bytes 1..30 all 0xff, top byte 0x7f, low byte >= 0xed.
            if ((s[offset + 31] & 0x7f) != 0x7f)
            {
                return true;
            }

            for (int i = 30; i > 0; i--)
            {
                if (s[offset + i] != 0xff)
                {
                    return true;
                }
            }

            return s[offset] < 0xed;
        }

        /// <summary>True if <paramref name="s"/> encodes a point of order 1, 2, 4 or 8 (either sign of x).</summary>
        internal static bool HasSmallOrder(byte[] s, int offset)
        {
            for (int k = 0; k < SmallOrderEncodings.Length; k++)
            {
                byte[] blocked = SmallOrderEncodings[k];
                int difference = (s[offset + 31] & 0x7f) ^ blocked[31];
                for (int i = 0; i < 31; i++)
                {
                    difference |= s[offset + i] ^ blocked[i];
                }

                if (difference == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
