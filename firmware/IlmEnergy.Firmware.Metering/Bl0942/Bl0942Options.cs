namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Settings for <see cref="Bl0942Meter"/>; the defaults suit the Shelly Plug S Gen3.</summary>
    public sealed class Bl0942Options
    {
        /// <summary>Chip address 0–3 (A1/A2 pins); both plugs we support use 0.</summary>
        public int Address { get; set; }

        /// <summary>Mains at 60 Hz (sets MODE bit 0x20).</summary>
        public bool SixtyHertz { get; set; }

        /// <summary>Write MODE at start (ESPHome does, Tasmota does not). Off keeps the chip's power-on mode.</summary>
        public bool WriteModeOnStart { get; set; } = true;

        public long PartialFrameTimeoutMs { get; set; } = Bl0942FrameParser.DefaultPartialFrameTimeoutMs;

        public long StaleAfterMs { get; set; } = MeterBase.DefaultStaleAfterMs;

        public long MaxPowerMilliWatts { get; set; } = MeterBase.DefaultMaxPowerMilliWatts;
    }
}
