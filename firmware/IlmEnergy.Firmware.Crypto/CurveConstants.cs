namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// Field constants of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2), as limbs for <see cref="FieldElement"/>.
    /// Each is the plain 26/25-bit split of the canonical value; the tests recompute them from their definitions.
    /// </summary>
    internal static class CurveConstants
    {
        /// <summary>d = -121665/121666 mod p.</summary>
        internal static readonly int[] D = new int[]
        {
            56195235, 13857412, 51736253, 6949390, 114729, 24766616, 60832955, 30306712, 48412415, 21499315,
        };

        /// <summary>2d, used by the addition formulas.</summary>
        internal static readonly int[] D2 = new int[]
        {
            45281625, 27714825, 36363642, 13898781, 229458, 15978800, 54557047, 27058993, 29715967, 9444199,
        };

        /// <summary>sqrt(-1) = 2^((p-1)/4) mod p, used when decoding a point's x coordinate.</summary>
        internal static readonly int[] SqrtMinusOne = new int[]
        {
            34513072, 25610706, 9377949, 3500415, 12389472, 33281959, 41962654, 31548777, 326685, 11406482,
        };
    }
}
