namespace IlmEnergy.Firmware.Crypto
{
    /// <summary>
    /// Counts field multiplications (GF(2^255-19) multiply and square). On the plug's IL interpreter
    /// they dominate the cost of a signature, so the count is the portable measure of speed.
    /// </summary>
    /// <remarks>
    /// A plain, unsynchronised counter: one increment per multiplication keeps it nearly free.
    /// Measure on one thread at a time; concurrent callers make the total approximate.
    /// </remarks>
    public static class CryptoStats
    {
        /// <summary>Incremented directly by <see cref="FieldElement"/>; a method call would cost more than the add.</summary>
        internal static long MultiplicationCount;

        /// <summary>Field multiplications and squarings since start-up or the last <see cref="Reset"/>.</summary>
        public static long FieldMultiplications
        {
            get { return MultiplicationCount; }
        }

        /// <summary>Sets <see cref="FieldMultiplications"/> back to zero.</summary>
        public static void Reset()
        {
            MultiplicationCount = 0;
        }
    }
}
