namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// The group law of edwards25519 in the forms of <c>CurvePoints.cs</c> (formulas of Hisil, Wong, Carter
    /// and Dawson, "Twisted Edwards curves revisited", as used by ref10). Multiplication counts are given
    /// per operation because they are the budget of a signature on the plug.
    /// </summary>
    internal static class PointArithmetic
    {
        /// <summary>r = p + q, q precomputed and affine (3 multiplications).</summary>
        internal static void AddAffine(CompletedPoint r, ExtendedPoint p, AffineNielsPoint q, int[] scratch)
        {
            FieldElement.Add(r.X, p.Y, p.X);
            FieldElement.Sub(r.Y, p.Y, p.X);
            FieldElement.Mul(r.Z, r.X, q.YPlusX);
            FieldElement.Mul(r.Y, r.Y, q.YMinusX);
            FieldElement.Mul(r.T, q.XY2D, p.T);
            FieldElement.Add(scratch, p.Z, p.Z);
            FieldElement.Sub(r.X, r.Z, r.Y);
            FieldElement.Add(r.Y, r.Z, r.Y);
            FieldElement.Add(r.Z, scratch, r.T);
            FieldElement.Sub(r.T, scratch, r.T);
        }

        /// <summary>r = p - q, q precomputed and affine (3 multiplications).</summary>
        internal static void SubtractAffine(CompletedPoint r, ExtendedPoint p, AffineNielsPoint q, int[] scratch)
        {
            FieldElement.Add(r.X, p.Y, p.X);
            FieldElement.Sub(r.Y, p.Y, p.X);
            FieldElement.Mul(r.Z, r.X, q.YMinusX);
            FieldElement.Mul(r.Y, r.Y, q.YPlusX);
            FieldElement.Mul(r.T, q.XY2D, p.T);
            FieldElement.Add(scratch, p.Z, p.Z);
            FieldElement.Sub(r.X, r.Z, r.Y);
            FieldElement.Add(r.Y, r.Z, r.Y);
            FieldElement.Sub(r.Z, scratch, r.T);
            FieldElement.Add(r.T, scratch, r.T);
        }

        /// <summary>r = p + q, q in projective Niels form (4 multiplications).</summary>
        internal static void Add(CompletedPoint r, ExtendedPoint p, ProjectiveNielsPoint q, int[] scratch)
        {
            FieldElement.Add(r.X, p.Y, p.X);
            FieldElement.Sub(r.Y, p.Y, p.X);
            FieldElement.Mul(r.Z, r.X, q.YPlusX);
            FieldElement.Mul(r.Y, r.Y, q.YMinusX);
            FieldElement.Mul(r.T, q.T2D, p.T);
            FieldElement.Mul(r.X, p.Z, q.Z);
            FieldElement.Add(scratch, r.X, r.X);
            FieldElement.Sub(r.X, r.Z, r.Y);
            FieldElement.Add(r.Y, r.Z, r.Y);
            FieldElement.Add(r.Z, scratch, r.T);
            FieldElement.Sub(r.T, scratch, r.T);
        }

        /// <summary>r = p - q, q in projective Niels form (4 multiplications).</summary>
        internal static void Subtract(CompletedPoint r, ExtendedPoint p, ProjectiveNielsPoint q, int[] scratch)
        {
            FieldElement.Add(r.X, p.Y, p.X);
            FieldElement.Sub(r.Y, p.Y, p.X);
            FieldElement.Mul(r.Z, r.X, q.YMinusX);
            FieldElement.Mul(r.Y, r.Y, q.YPlusX);
            FieldElement.Mul(r.T, q.T2D, p.T);
            FieldElement.Mul(r.X, p.Z, q.Z);
            FieldElement.Add(scratch, r.X, r.X);
            FieldElement.Sub(r.X, r.Z, r.Y);
            FieldElement.Add(r.Y, r.Z, r.Y);
            FieldElement.Sub(r.Z, scratch, r.T);
            FieldElement.Add(r.T, scratch, r.T);
        }

        /// <summary>r = 2p (4 squarings).</summary>
        internal static void Double(CompletedPoint r, ProjectivePoint p, int[] scratch)
        {
            FieldElement.Square(r.X, p.X);
            FieldElement.Square(r.Z, p.Y);
            FieldElement.SquareDouble(r.T, p.Z);
            FieldElement.Add(r.Y, p.X, p.Y);
            FieldElement.Square(scratch, r.Y);
            FieldElement.Add(r.Y, r.Z, r.X);
            FieldElement.Sub(r.Z, r.Z, r.X);
            FieldElement.Sub(r.X, scratch, r.Y);
            FieldElement.Sub(r.T, r.T, r.Z);
        }

        /// <summary>r = 2p for an extended point (drops T, which doubling does not need).</summary>
        internal static void Double(CompletedPoint r, ExtendedPoint p, ProjectivePoint scratchPoint, int[] scratch)
        {
            ToProjective(scratchPoint, p);
            Double(r, scratchPoint, scratch);
        }

        /// <summary>Completed to projective (3 multiplications).</summary>
        internal static void ToProjective(ProjectivePoint r, CompletedPoint p)
        {
            FieldElement.Mul(r.X, p.X, p.T);
            FieldElement.Mul(r.Y, p.Y, p.Z);
            FieldElement.Mul(r.Z, p.Z, p.T);
        }

        /// <summary>Extended to projective (a copy).</summary>
        internal static void ToProjective(ProjectivePoint r, ExtendedPoint p)
        {
            FieldElement.Copy(r.X, p.X);
            FieldElement.Copy(r.Y, p.Y);
            FieldElement.Copy(r.Z, p.Z);
        }

        /// <summary>Completed to extended (4 multiplications).</summary>
        internal static void ToExtended(ExtendedPoint r, CompletedPoint p)
        {
            FieldElement.Mul(r.X, p.X, p.T);
            FieldElement.Mul(r.Y, p.Y, p.Z);
            FieldElement.Mul(r.Z, p.Z, p.T);
            FieldElement.Mul(r.T, p.X, p.Y);
        }

        /// <summary>Extended to projective Niels (1 multiplication).</summary>
        internal static void ToProjectiveNiels(ProjectiveNielsPoint r, ExtendedPoint p)
        {
            FieldElement.Add(r.YPlusX, p.Y, p.X);
            FieldElement.Sub(r.YMinusX, p.Y, p.X);
            FieldElement.Copy(r.Z, p.Z);
            FieldElement.Mul(r.T2D, p.T, CurveConstants.D2);
        }
    }
}
