namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Settings for <see cref="Cse7766Meter"/>.</summary>
    public sealed class Cse7766Options
    {
        /// <summary>Tasmota SetOption39: after this many "power not valid" frames (~6 s) power is taken as 0.</summary>
        public int InvalidPowerFramesBeforeZero { get; set; } = 128;

        public long PartialFrameTimeoutMs { get; set; } = Cse7766FrameParser.DefaultPartialFrameTimeoutMs;

        public long StaleAfterMs { get; set; } = MeterBase.DefaultStaleAfterMs;

        public long MaxPowerMilliWatts { get; set; } = MeterBase.DefaultMaxPowerMilliWatts;
    }
}
