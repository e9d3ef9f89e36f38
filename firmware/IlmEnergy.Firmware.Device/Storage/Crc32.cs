namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// CRC-32/IEEE (reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), as used by zlib and
    /// Ethernet; check value 0xCBF43926 for "123456789". Table-driven: one lookup per byte.
    /// </summary>
    public static class Crc32
    {
        private const uint Polynomial = 0xEDB88320;
        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC of a whole range.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start(), data, offset, count));
        }

        /// <summary>Initial running value for <see cref="Update"/>, so a CRC can span separate ranges.</summary>
        public static uint Start()
        {
            return 0xFFFFFFFF;
        }

        public static uint Update(uint running, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                running = Table[(running ^ data[i]) & 0xFF] ^ (running >> 8);
            }

            return running;
        }

        public static uint Finish(uint running)
        {
            return running ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
