namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Bytes the ESP32 sends to a BL0942 (ESPHome bl0942.cpp / Tasmota xnrg_14_bl09xx.ino):
    /// read all = [0x58|addr, 0xAA]; write register = [0xA8|addr, reg, d0, d1, d2, chk] with
    /// chk = (sum of the first five bytes) ^ 0xFF, data little-endian.
    /// </summary>
    public static class Bl0942Commands
    {
        public const byte WriteCommandBase = 0xA8;
        public const byte FullPacket = 0xAA;

        public const byte RegisterMode = 0x19;
        public const byte RegisterSoftReset = 0x1C;
        public const byte RegisterUserWriteProtect = 0x1D;

        /// <summary>USR_WRPROT value that unlocks user register writes.</summary>
        public const int WriteUnlock = 0x55;

        public const int ModeReserved = 0x03;
        public const int ModeCfEnable = 0x04;
        public const int ModeRmsUpdate800Ms = 0x08;
        public const int ModeAcFrequency60Hz = 0x20;

        /// <summary>CF_CNT accumulates |P| (both directions), so a reversed CT/shunt still counts consumption.</summary>
        public const int ModeCfCountAbsolute = 0x80;

        /// <summary>Poll request; the chip answers with a 23-byte packet.</summary>
        public static byte[] ReadAll(int address)
        {
            return new byte[] { (byte)(Bl0942Frame.ReadCommandBase | (address & 0x03)), FullPacket };
        }

        /// <summary>Register write frame with its checksum.</summary>
        public static byte[] WriteRegister(int address, byte register, int value24)
        {
            byte[] frame = new byte[6];
            frame[0] = (byte)(WriteCommandBase | (address & 0x03));
            frame[1] = register;
            frame[2] = (byte)value24;
            frame[3] = (byte)(value24 >> 8);
            frame[4] = (byte)(value24 >> 16);
            int sum = frame[0] + frame[1] + frame[2] + frame[3] + frame[4];
            frame[5] = (byte)((sum & 0xFF) ^ 0xFF);
            return frame;
        }

        /// <summary>MODE value ESPHome writes: 0x8F at 50 Hz, 0xAF at 60 Hz. UART rate bits stay 0 (pin-strapped rate).</summary>
        public static int ModeValue(bool sixtyHertz)
        {
            int mode = ModeReserved | ModeCfEnable | ModeRmsUpdate800Ms | ModeCfCountAbsolute;
            return sixtyHertz ? mode | ModeAcFrequency60Hz : mode;
        }

        /// <summary>ESPHome's setup: unlock, write MODE, lock again (the MODE read-back is not done here).</summary>
        public static byte[][] SetupSequence(int address, bool sixtyHertz)
        {
            return new byte[][]
            {
                WriteRegister(address, RegisterUserWriteProtect, WriteUnlock),
                WriteRegister(address, RegisterMode, ModeValue(sixtyHertz)),
                WriteRegister(address, RegisterUserWriteProtect, 0),
            };
        }
    }
}
