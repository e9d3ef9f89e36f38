namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// [a]A + [b]B for public scalars, as signature verification needs it. Variable time: every input
    /// is public, so it may skip zero digits. Both scalars are written in width-5 non-adjacent form
    /// (odd digits in [-15, 15], at least four zeros after each non-zero digit) and share one chain of
    /// ~253 doublings, with additions from the odd multiples A, 3A, ..., 15A and B, 3B, ..., 15B.
    /// </summary>
    internal static class DoubleScalarMultiplication
    {
        private const int Window = 5;

        /// <summary>r = [a]A + [b]B; a and b are 32-byte little-endian scalars below 2^255.</summary>
        internal static void Multiply(ProjectivePoint r, byte[] a, ExtendedPoint pointA, byte[] b)
        {
            int[] aDigits = NonAdjacentForm(a);
            int[] bDigits = NonAdjacentForm(b);
            int[] scratch = FieldElement.Create();
            CompletedPoint t = new CompletedPoint();
            ExtendedPoint u = new ExtendedPoint();

            ProjectiveNielsPoint[] oddA = OddMultiples(pointA, scratch);
            AffineNielsPoint[] oddB = OddMultiplesOfBase();

            r.SetIdentity();
            int i = 255;
            while (i >= 0 && aDigits[i] == 0 && bDigits[i] == 0)
            {
                i--;
            }

            for (; i >= 0; i--)
            {
                PointArithmetic.Double(t, r, scratch);

                int da = aDigits[i];
                if (da > 0)
                {
                    PointArithmetic.ToExtended(u, t);
                    PointArithmetic.Add(t, u, oddA[da / 2], scratch);
                }
                else if (da < 0)
                {
                    PointArithmetic.ToExtended(u, t);
                    PointArithmetic.Subtract(t, u, oddA[-da / 2], scratch);
                }

                int db = bDigits[i];
                if (db > 0)
                {
                    PointArithmetic.ToExtended(u, t);
                    PointArithmetic.AddAffine(t, u, oddB[db / 2], scratch);
                }
                else if (db < 0)
                {
                    PointArithmetic.ToExtended(u, t);
                    PointArithmetic.SubtractAffine(t, u, oddB[-db / 2], scratch);
                }

                PointArithmetic.ToProjective(r, t);
            }
        }

        /// <summary>
        /// Width-5 NAF of a 256-bit little-endian scalar: digits d[i] with sum d[i] * 2^i = scalar.
        /// Scans a 5-bit window plus the carry; an odd window becomes a digit (window - 32 when it is
        /// 16 or more, carrying 1 upwards), an even one is a zero digit.
        /// </summary>
        internal static int[] NonAdjacentForm(byte[] scalar)
        {
            const int Width = 1 << Window;
            int[] digits = new int[256];
            int carry = 0;
            int position = 0;
            while (position < 256)
            {
                int window = carry + Bits(scalar, position, Window);
                if ((window & 1) == 0)
                {
                    position++;
                    continue;
                }

                if (window < Width / 2)
                {
                    carry = 0;
                    digits[position] = window;
                }
                else
                {
                    carry = 1;
                    digits[position] = window - Width;
                }

                position += Window;
            }

            // Scalars here are below 2^253, so no carry is left over the top.
            return digits;
        }

        /// <summary><paramref name="count"/> bits of the scalar from bit <paramref name="position"/>; bits past 255 read as 0.</summary>
        private static int Bits(byte[] scalar, int position, int count)
        {
            int value = 0;
            for (int k = count - 1; k >= 0; k--)
            {
                int bit = position + k;
                value <<= 1;
                if (bit < 256)
                {
                    value |= (scalar[bit >> 3] >> (bit & 7)) & 1;
                }
            }

            return value;
        }

        /// <summary>A, 3A, 5A, ..., 15A in projective Niels form.</summary>
        private static ProjectiveNielsPoint[] OddMultiples(ExtendedPoint pointA, int[] scratch)
        {
            ProjectiveNielsPoint[] odd = new ProjectiveNielsPoint[8];
            CompletedPoint t = new CompletedPoint();
            ExtendedPoint doubled = new ExtendedPoint();
            ExtendedPoint u = new ExtendedPoint();

            odd[0] = new ProjectiveNielsPoint();
            PointArithmetic.ToProjectiveNiels(odd[0], pointA);
            PointArithmetic.Double(t, pointA, new ProjectivePoint(), scratch);
            PointArithmetic.ToExtended(doubled, t);

            for (int k = 1; k < 8; k++)
            {
                PointArithmetic.Add(t, doubled, odd[k - 1], scratch);
                PointArithmetic.ToExtended(u, t);
                odd[k] = new ProjectiveNielsPoint();
                PointArithmetic.ToProjectiveNiels(odd[k], u);
            }

            return odd;
        }

        /// <summary>B, 3B, ..., 15B unpacked from <see cref="BasePointTable.OddMultiples"/>.</summary>
        private static AffineNielsPoint[] OddMultiplesOfBase()
        {
            AffineNielsPoint[] odd = new AffineNielsPoint[8];
            int[] table = BasePointTable.OddMultiples;
            for (int k = 0; k < 8; k++)
            {
                int offset = k * BasePointTable.EntrySize;
                odd[k] = new AffineNielsPoint();
                FieldElement.CopyFrom(odd[k].YPlusX, table, offset);
                FieldElement.CopyFrom(odd[k].YMinusX, table, offset + FieldElement.LimbCount);
                FieldElement.CopyFrom(odd[k].XY2D, table, offset + (2 * FieldElement.LimbCount));
            }

            return odd;
        }
    }
}
