namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// One metering sample in integer units. The device loop allocates one instance and lets the meter
    /// overwrite it every second, so polling creates no garbage.
    /// </summary>
    public sealed class MeterReading
    {
        /// <summary>Monotonic device time (ms) at which the reading was taken.</summary>
        public long TimestampMs { get; set; }

        /// <summary>RMS voltage in millivolts.</summary>
        public int VoltageMilliVolts { get; set; }

        /// <summary>RMS current in milliamps.</summary>
        public int CurrentMilliAmps { get; set; }

        /// <summary>Active power in milliwatts, signed; positive = consumption.</summary>
        public int PowerMilliWatts { get; set; }

        /// <summary>Cumulative energy in mWh: 64-bit, survives chip counter wrap, never decreases.</summary>
        public long EnergyMilliWattHours { get; set; }

        /// <summary>Line frequency in millihertz, 0 when the chip does not report it.</summary>
        public int FrequencyMilliHertz { get; set; }

        /// <summary>Validity and status bits.</summary>
        public ReadingFlags Flags { get; set; }

        /// <summary>Voltage in the chip's raw domain (see <see cref="Calibration"/>), for reference-load calibration.</summary>
        public long RawVoltage { get; set; }

        /// <summary>Current in the chip's raw domain.</summary>
        public long RawCurrent { get; set; }

        /// <summary>Power in the chip's raw domain (magnitude).</summary>
        public long RawPower { get; set; }

        /// <summary>Energy in the chip's raw domain accumulated since the meter started (64-bit, wrap-extended).</summary>
        public long RawEnergyTotal { get; set; }

        /// <summary>True when every bit in <paramref name="flags"/> is set.</summary>
        public bool Has(ReadingFlags flags)
        {
            return (Flags & flags) == flags;
        }

        public void Clear()
        {
            TimestampMs = 0;
            VoltageMilliVolts = 0;
            CurrentMilliAmps = 0;
            PowerMilliWatts = 0;
            EnergyMilliWattHours = 0;
            FrequencyMilliHertz = 0;
            Flags = ReadingFlags.None;
            RawVoltage = 0;
            RawCurrent = 0;
            RawPower = 0;
            RawEnergyTotal = 0;
        }

        public void CopyFrom(MeterReading other)
        {
            TimestampMs = other.TimestampMs;
            VoltageMilliVolts = other.VoltageMilliVolts;
            CurrentMilliAmps = other.CurrentMilliAmps;
            PowerMilliWatts = other.PowerMilliWatts;
            EnergyMilliWattHours = other.EnergyMilliWattHours;
            FrequencyMilliHertz = other.FrequencyMilliHertz;
            Flags = other.Flags;
            RawVoltage = other.RawVoltage;
            RawCurrent = other.RawCurrent;
            RawPower = other.RawPower;
            RawEnergyTotal = other.RawEnergyTotal;
        }
    }
}
