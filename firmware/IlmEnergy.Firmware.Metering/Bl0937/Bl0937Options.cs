namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Settings for <see cref="Bl0937Meter"/>; defaults suit the Shelly Plus Plug S.</summary>
    public sealed class Bl0937Options
    {
        /// <summary>
        /// The board inverts SEL (every ESP32 plug config we know sets inverted: true). Logically, as in
        /// ESPHome, SEL high selects current on CF1; the physical level is flipped when this is set.
        /// </summary>
        public bool SelInverted { get; set; } = true;

        /// <summary>Polls spent measuring current before switching CF1 to voltage (the first poll after a switch is discarded).</summary>
        public int CurrentModePolls { get; set; } = 8;

        /// <summary>Polls spent measuring voltage; must be at least 2 because the first is discarded.</summary>
        public int VoltageModePolls { get; set; } = 2;

        public long StaleAfterMs { get; set; } = MeterBase.DefaultStaleAfterMs;

        /// <summary>CF counts implying more power than this are dropped as glitches.</summary>
        public long MaxPowerMilliWatts { get; set; } = MeterBase.DefaultMaxPowerMilliWatts;
    }
}
