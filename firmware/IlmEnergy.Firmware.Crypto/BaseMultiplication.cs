namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// [a]B for a secret scalar a, in constant time: a signed radix-16 comb over <see cref="BasePointTable"/>.
    /// </summary>
    /// <remarks>
    /// a = sum e[i] * 16^i with digits e[i] in [-8, 8]. Pairing digits as e[2k] + 16*e[2k+1] against row k
    /// (= 256^k * B) gives a = sum_k 256^k e[2k] + 16 * sum_k 256^k e[2k+1]: add the odd digits, multiply
    /// by 16 (4 doublings), add the even digits. Cost: 64 table additions (7 multiplications each with the
    /// conversion) + 4 doublings, about 480 multiplications, independent of a.
    /// </remarks>
    internal static class BaseMultiplication
    {
        /// <summary>h = [a]B. <paramref name="scalar"/> is 32 bytes little-endian with a[31] &lt;= 127.</summary>
        internal static void Multiply(ExtendedPoint h, byte[] scalar)
        {
            int[] digits = SignedRadix16(scalar);
            CompletedPoint sum = new CompletedPoint();
            ProjectivePoint projective = new ProjectivePoint();
            AffineNielsPoint entry = new AffineNielsPoint();
            int[] scratch = FieldElement.Create();
            int[] swapScratch = FieldElement.Create();

            h.SetIdentity();
            for (int i = 1; i < 64; i += 2)
            {
                Select(entry, i / 2, digits[i], swapScratch, scratch);
                PointArithmetic.AddAffine(sum, h, entry, scratch);
                PointArithmetic.ToExtended(h, sum);
            }

            PointArithmetic.Double(sum, h, projective, scratch);
            PointArithmetic.ToProjective(projective, sum);
            PointArithmetic.Double(sum, projective, scratch);
            PointArithmetic.ToProjective(projective, sum);
            PointArithmetic.Double(sum, projective, scratch);
            PointArithmetic.ToProjective(projective, sum);
            PointArithmetic.Double(sum, projective, scratch);
            PointArithmetic.ToExtended(h, sum);

            for (int i = 0; i < 64; i += 2)
            {
                Select(entry, i / 2, digits[i], swapScratch, scratch);
                PointArithmetic.AddAffine(sum, h, entry, scratch);
                PointArithmetic.ToExtended(h, sum);
            }

            ClearDigits(digits);
        }

        /// <summary>
        /// The 64 signed radix-16 digits of a: first the nibbles (0..15), then every nibble of 8 or more
        /// becomes nibble - 16 with a carry into the next one. The top nibble is at most 7 + carry = 8.
        /// </summary>
        internal static int[] SignedRadix16(byte[] scalar)
        {
            int[] e = new int[64];
            for (int i = 0; i < 32; i++)
            {
                e[2 * i] = scalar[i] & 15;
                e[(2 * i) + 1] = (scalar[i] >> 4) & 15;
            }

            int carry = 0;
            for (int i = 0; i < 63; i++)
            {
                e[i] += carry;
                carry = (e[i] + 8) >> 4;
                e[i] -= carry << 4;
            }

            e[63] += carry;
            return e;
        }

        /// <summary>
        /// t = digit * 256^row * B, reading all 8 entries of the row whatever the digit, so the memory
        /// access pattern and timing do not depend on the secret digit.
        /// </summary>
        private static void Select(AffineNielsPoint t, int row, int digit, int[] swapped, int[] negatedXY2D)
        {
            int isNegative = (int)((uint)digit >> 31);
            int magnitude = digit - ((-isNegative & digit) << 1);
            int[] table = BasePointTable.Multiples;

            t.SetIdentity();
            for (int j = 0; j < BasePointTable.RowLength; j++)
            {
                int offset = BasePointTable.Offset(row, j);
                int choice = Equal(magnitude, j + 1);
                FieldElement.ConditionalMoveFrom(t.YPlusX, table, offset, choice);
                FieldElement.ConditionalMoveFrom(t.YMinusX, table, offset + FieldElement.LimbCount, choice);
                FieldElement.ConditionalMoveFrom(t.XY2D, table, offset + (2 * FieldElement.LimbCount), choice);
            }

            // -P in Niels form: swap y+x with y-x and negate 2dxy, again without branching.
            FieldElement.Copy(swapped, t.YMinusX);
            FieldElement.Neg(negatedXY2D, t.XY2D);
            FieldElement.ConditionalMove(t.YMinusX, t.YPlusX, isNegative);
            FieldElement.ConditionalMove(t.YPlusX, swapped, isNegative);
            FieldElement.ConditionalMove(t.XY2D, negatedXY2D, isNegative);
        }

        /// <summary>1 if a == b, else 0, for small non-negative ints, without a branch.</summary>
        private static int Equal(int a, int b)
        {
            uint difference = (uint)(a ^ b);
            return (int)((difference - 1) >> 31);
        }

        private static void ClearDigits(int[] digits)
        {
            for (int i = 0; i < digits.Length; i++)
            {
                digits[i] = 0;
            }
        }
    }
}
