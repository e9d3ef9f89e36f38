namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// One decoded CSE7766 / HLW8032 frame (24 bytes, fields big-endian):
    /// 0 header | 1 0x5A | 2 V coef | 5 V cycle | 8 I coef | 11 I cycle | 14 P coef | 17 P cycle |
    /// 20 adj | 21 CF pulses (16-bit) | 23 checksum = Σ bytes 2..22 &amp; 0xFF.
    /// Header: 0x55 ok; 0xAA chip not calibrated (use fallback coefficients); 0xFx error bits:
    /// bit3 voltage cycle, bit2 current cycle, bit0 coefficient storage (values invalid), bit1 power
    /// cycle out of range (no load: power is 0). Adj: 0x40 V valid, 0x20 I valid, 0x10 P valid, 0x80 CF overflow.
    /// Values: V = Vcoef / Vcycle volts, likewise I and P.
    /// </summary>
    public sealed class Cse7766Frame
    {
        public const int Length = 24;
        public const byte HeaderOk = 0x55;
        public const byte HeaderNotCalibrated = 0xAA;
        public const byte SecondByte = 0x5A;

        /// <summary>Tasmota's coefficients for a chip without factory calibration (header 0xAA).</summary>
        public const int FallbackVoltageCoefficient = 191200;
        public const int FallbackCurrentCoefficient = 16140;
        public const int FallbackPowerCoefficient = 5364000;

        private const int AdjVoltageValid = 0x40;
        private const int AdjCurrentValid = 0x20;
        private const int AdjPowerValid = 0x10;
        private const int AdjCfOverflow = 0x80;
        private const int ErrorVoltageCycle = 0x08;
        private const int ErrorCurrentCycle = 0x04;
        private const int ErrorPowerCycle = 0x02;
        private const int ErrorCoefficientStorage = 0x01;

        public int Header { get; private set; }

        public int VoltageCoefficient { get; private set; }

        public int VoltageCycle { get; private set; }

        public int CurrentCoefficient { get; private set; }

        public int CurrentCycle { get; private set; }

        public int PowerCoefficient { get; private set; }

        public int PowerCycle { get; private set; }

        public int Adjustment { get; private set; }

        /// <summary>CF pulse counter, 16-bit, wraps at 65 536.</summary>
        public int CfPulses { get; private set; }

        /// <summary>True for a 0xFx header.</summary>
        public bool HasErrorHeader => (Header & 0xF0) == 0xF0;

        /// <summary>Error bits that make voltage, current and power meaningless.</summary>
        public bool HasFatalError => HasErrorHeader && (Header & (ErrorVoltageCycle | ErrorCurrentCycle | ErrorCoefficientStorage)) != 0;

        /// <summary>Power cycle too long: the load is below the chip's minimum, report 0 W.</summary>
        public bool PowerCycleOutOfRange => HasErrorHeader && (Header & ErrorPowerCycle) != 0;

        public bool IsChipCalibrated => Header != HeaderNotCalibrated;

        public bool CfOverflow => (Adjustment & AdjCfOverflow) != 0;

        public int EffectiveVoltageCoefficient => IsChipCalibrated ? VoltageCoefficient : FallbackVoltageCoefficient;

        public int EffectiveCurrentCoefficient => IsChipCalibrated ? CurrentCoefficient : FallbackCurrentCoefficient;

        public int EffectivePowerCoefficient => IsChipCalibrated ? PowerCoefficient : FallbackPowerCoefficient;

        public bool VoltageValid => (Adjustment & AdjVoltageValid) != 0 && !HasFatalError && VoltageCycle > 0;

        public bool CurrentValid => (Adjustment & AdjCurrentValid) != 0 && !HasFatalError && CurrentCycle > 0;

        public bool PowerValid => (Adjustment & AdjPowerValid) != 0 && !HasFatalError && !PowerCycleOutOfRange && PowerCycle > 0;

        /// <summary>Voltage in µV from the effective coefficient (0 when the cycle is 0).</summary>
        public long VoltageMicroVolts => MicroUnits(EffectiveVoltageCoefficient, VoltageCycle);

        public long CurrentMicroAmps => MicroUnits(EffectiveCurrentCoefficient, CurrentCycle);

        public long PowerMicroWatts => MicroUnits(EffectivePowerCoefficient, PowerCycle);

        /// <summary>True when <paramref name="header"/> can start a frame: 0x55, 0xAA or 0xF0–0xFF.</summary>
        public static bool IsHeader(byte header)
        {
            return header == HeaderOk || header == HeaderNotCalibrated || (header & 0xF0) == 0xF0;
        }

        public static byte ComputeChecksum(byte[] frame, int offset)
        {
            int sum = 0;
            for (int i = 2; i < Length - 1; i++)
            {
                sum += frame[offset + i];
            }

            return (byte)(sum & 0xFF);
        }

        /// <summary>Fills this frame from checksum-valid bytes; false when the two header bytes are wrong.</summary>
        public bool DecodeFrom(byte[] frame, int offset)
        {
            if (!IsHeader(frame[offset]) || frame[offset + 1] != SecondByte)
            {
                return false;
            }

            Header = frame[offset];
            VoltageCoefficient = ReadUInt24(frame, offset + 2);
            VoltageCycle = ReadUInt24(frame, offset + 5);
            CurrentCoefficient = ReadUInt24(frame, offset + 8);
            CurrentCycle = ReadUInt24(frame, offset + 11);
            PowerCoefficient = ReadUInt24(frame, offset + 14);
            PowerCycle = ReadUInt24(frame, offset + 17);
            Adjustment = frame[offset + 20];
            CfPulses = (frame[offset + 21] << 8) | frame[offset + 22];
            return true;
        }

        private static long MicroUnits(int coefficient, int cycle)
        {
            return cycle <= 0 ? 0 : FixedPoint.DivRound(coefficient * 1000000L, cycle);
        }

        private static int ReadUInt24(byte[] buffer, int offset)
        {
            return (buffer[offset] << 16) | (buffer[offset + 1] << 8) | buffer[offset + 2];
        }
    }
}
