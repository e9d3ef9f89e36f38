namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Bit set describing how far a <see cref="MeterReading"/> can be trusted. Combine with |, test with &amp;.
    /// (No [Flags] attribute: enum.ToString() prints numbers on nanoFramework anyway.)
    /// </summary>
    public enum ReadingFlags
    {
        None = 0,

        /// <summary>VoltageMilliVolts holds a measured value.</summary>
        VoltageValid = 0x0001,

        /// <summary>CurrentMilliAmps holds a measured value.</summary>
        CurrentValid = 0x0002,

        /// <summary>PowerMilliWatts holds a measured value (0 mW is a valid measurement).</summary>
        PowerValid = 0x0004,

        /// <summary>The energy counter advanced from chip data (not only restored from flash).</summary>
        EnergyValid = 0x0008,

        /// <summary>FrequencyMilliHertz holds a measured line frequency.</summary>
        FrequencyValid = 0x0010,

        /// <summary>The device still uses default calibration constants (maps to the wire flag Uncalibrated).</summary>
        Uncalibrated = 0x0020,

        /// <summary>CSE7766 reported header 0xAA (no factory calibration); fallback coefficients were used.</summary>
        ChipNotCalibrated = 0x0040,

        /// <summary>The chip reported an error (CSE7766 0xFx header) or sent no usable frame; values are invalid.</summary>
        ChipError = 0x0080,

        /// <summary>No fresh frame arrived within the stale timeout; values are the last known ones.</summary>
        Stale = 0x0100,

        /// <summary>An implausible energy step (above the power guard) was discarded since the previous reading.</summary>
        EnergyStepRejected = 0x0200,
    }
}
