namespace IlmEnergy.Firmware.Metering
{
    /// <summary>The metering chips this library drives. Values are stored in calibration records: never renumber.</summary>
    public enum MeterChip
    {
        /// <summary>No chip / unknown.</summary>
        None = 0,

        /// <summary>Belling BL0942: UART, polled, 23-byte little-endian packets.</summary>
        Bl0942 = 1,

        /// <summary>Chipsea CSE7766 / HLW8032: UART, streams 24-byte big-endian frames, RX only.</summary>
        Cse7766 = 2,

        /// <summary>Belling BL0937 (HLW8012 family): CF / CF1 pulse outputs, SEL input.</summary>
        Bl0937 = 3,
    }
}
