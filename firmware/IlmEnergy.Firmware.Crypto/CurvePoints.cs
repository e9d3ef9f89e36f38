namespace IlmEnergy.Firmware.Crypto
{
    // The coordinate systems a point of edwards25519 passes through (names as in curve25519-dalek;
    // ref10 calls them p3, p2, p1p1, precomp and cached). Each keeps its coordinates as field
    // elements, allocated once so the scalar-multiplication loops allocate nothing.

    /// <summary>Extended coordinates (X:Y:Z:T): x = X/Z, y = Y/Z, x*y = T/Z. Input of every addition.</summary>
    internal sealed class ExtendedPoint
    {
        internal readonly int[] X = FieldElement.Create();
        internal readonly int[] Y = FieldElement.Create();
        internal readonly int[] Z = FieldElement.Create();
        internal readonly int[] T = FieldElement.Create();

        /// <summary>The neutral element (0, 1).</summary>
        internal void SetIdentity()
        {
            FieldElement.SetZero(X);
            FieldElement.SetOne(Y);
            FieldElement.SetOne(Z);
            FieldElement.SetZero(T);
        }
    }

    /// <summary>Projective coordinates (X:Y:Z): x = X/Z, y = Y/Z. Enough for doubling, one multiplication cheaper.</summary>
    internal sealed class ProjectivePoint
    {
        internal readonly int[] X = FieldElement.Create();
        internal readonly int[] Y = FieldElement.Create();
        internal readonly int[] Z = FieldElement.Create();

        internal void SetIdentity()
        {
            FieldElement.SetZero(X);
            FieldElement.SetOne(Y);
            FieldElement.SetOne(Z);
        }
    }

    /// <summary>
    /// "Completed" coordinates ((X:Z), (Y:T)): x = X/Z, y = Y/T. What additions and doublings produce;
    /// converting to projective costs 3 multiplications, to extended 4.
    /// </summary>
    internal sealed class CompletedPoint
    {
        internal readonly int[] X = FieldElement.Create();
        internal readonly int[] Y = FieldElement.Create();
        internal readonly int[] Z = FieldElement.Create();
        internal readonly int[] T = FieldElement.Create();
    }

    /// <summary>
    /// Affine Niels form (y+x, y-x, 2dxy) of a precomputed point: adding it costs 3 multiplications.
    /// Negating it is a swap of the first two and a sign change of the third.
    /// </summary>
    internal sealed class AffineNielsPoint
    {
        internal readonly int[] YPlusX = FieldElement.Create();
        internal readonly int[] YMinusX = FieldElement.Create();
        internal readonly int[] XY2D = FieldElement.Create();

        /// <summary>The neutral element: (1, 1, 0).</summary>
        internal void SetIdentity()
        {
            FieldElement.SetOne(YPlusX);
            FieldElement.SetOne(YMinusX);
            FieldElement.SetZero(XY2D);
        }
    }

    /// <summary>Projective Niels form (Y+X, Y-X, Z, 2dT): a variable point prepared for repeated additions.</summary>
    internal sealed class ProjectiveNielsPoint
    {
        internal readonly int[] YPlusX = FieldElement.Create();
        internal readonly int[] YMinusX = FieldElement.Create();
        internal readonly int[] Z = FieldElement.Create();
        internal readonly int[] T2D = FieldElement.Create();
    }
}
