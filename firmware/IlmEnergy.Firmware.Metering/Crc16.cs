namespace IlmEnergy.Firmware.Metering
{
    /// <summary>CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection); check value for "123456789" is 0x29B1.</summary>
    public static class Crc16
    {
        public static int Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) : (crc << 1);
                    crc &= 0xFFFF;
                }
            }

            return crc;
        }
    }
}
