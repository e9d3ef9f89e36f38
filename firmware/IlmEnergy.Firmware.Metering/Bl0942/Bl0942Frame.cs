namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// One decoded BL0942 "read all" packet (23 bytes, fields little-endian):
    /// 0 header 0x55 | 1 I_RMS | 4 V_RMS | 7 I_FAST_RMS | 10 WATT (signed 24-bit) | 13 CF_CNT (24-bit) |
    /// 16 FREQ (16-bit line period) | 18 reserved | 19 STATUS | 20–21 reserved | 22 checksum
    /// = ~(0x58 + addr + Σ bytes 0..21) &amp; 0xFF. Raw register values only; units come from <see cref="Calibration"/>.
    /// </summary>
    public sealed class Bl0942Frame
    {
        public const int Length = 23;
        public const byte Header = 0x55;

        /// <summary>Read command base: the chip seeds its reply checksum with the same byte, 0x58 | address.</summary>
        public const byte ReadCommandBase = 0x58;

        public int CurrentRaw { get; private set; }

        public int VoltageRaw { get; private set; }

        public int FastCurrentRaw { get; private set; }

        /// <summary>Active power register, sign-extended from 24 bits (negative when current flows the other way).</summary>
        public int PowerRaw { get; private set; }

        /// <summary>CF_CNT energy pulse counter, 24-bit, wraps at 16 777 216.</summary>
        public int EnergyCounter { get; private set; }

        /// <summary>FREQ register: line period; frequency = 1 000 000 / FREQ Hz. 0 when absent.</summary>
        public int FrequencyPeriod { get; private set; }

        public int Status { get; private set; }

        /// <summary>Line frequency in mHz (10⁹ / FREQ), 0 when FREQ is 0.</summary>
        public int FrequencyMilliHertz => FrequencyPeriod == 0 ? 0 : (int)FixedPoint.DivRound(1000000000L, FrequencyPeriod);

        /// <summary>Reply checksum for a 23-byte packet at <paramref name="offset"/> from a chip at <paramref name="address"/> (0–3).</summary>
        public static byte ComputeChecksum(byte[] packet, int offset, int address)
        {
            int sum = ReadCommandBase | (address & 0x03);
            for (int i = 0; i < Length - 1; i++)
            {
                sum += packet[offset + i];
            }

            return (byte)(~sum & 0xFF);
        }

        /// <summary>Fills this frame from a checksum-valid packet. Returns false if the header is wrong.</summary>
        public bool DecodeFrom(byte[] packet, int offset)
        {
            if (packet[offset] != Header)
            {
                return false;
            }

            CurrentRaw = ReadUInt24(packet, offset + 1);
            VoltageRaw = ReadUInt24(packet, offset + 4);
            FastCurrentRaw = ReadUInt24(packet, offset + 7);
            int watt = ReadUInt24(packet, offset + 10);
            PowerRaw = (watt & 0x800000) != 0 ? watt - 0x1000000 : watt;
            EnergyCounter = ReadUInt24(packet, offset + 13);
            FrequencyPeriod = packet[offset + 16] | (packet[offset + 17] << 8);
            Status = packet[offset + 19];
            return true;
        }

        private static int ReadUInt24(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16);
        }
    }
}
