namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// A metering chip driver as the device loop sees it. The loop calls <see cref="TryRead"/> about once
    /// a second from one thread; drivers never block and never throw on bad chip data.
    /// </summary>
    public interface IMeter
    {
        MeterChip Chip { get; }

        /// <summary>Sends any chip setup (register writes) and the first poll. Call once after opening the link.</summary>
        void Start(long nowMs);

        /// <summary>
        /// Consumes what the chip sent since the previous call and overwrites <paramref name="into"/>.
        /// Returns true when the reading is fresh; false when it is stale or invalid (the last known
        /// values are still written, with <see cref="ReadingFlags.Stale"/> or <see cref="ReadingFlags.ChipError"/>).
        /// </summary>
        bool TryRead(long nowMs, MeterReading into);

        /// <summary>Cumulative energy in mWh (64-bit, monotonic, includes the restored base).</summary>
        long EnergyMilliWattHours { get; }

        /// <summary>Continues counting from a value kept on flash (after reboot). Never lowers the counter.</summary>
        void RestoreEnergy(long milliWattHours);

        /// <summary>The constants in use; see <see cref="Calibration.IsReferenceCalibrated"/>.</summary>
        Calibration Calibration { get; }

        /// <summary>Switches to new constants. Energy counted so far keeps the value it had.</summary>
        void SetCalibration(Calibration calibration);
    }
}
