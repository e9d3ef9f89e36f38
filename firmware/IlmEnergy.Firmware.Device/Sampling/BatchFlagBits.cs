namespace IlmEnergy.Firmware.Device
{
    /// <summary>Batch flag bits, payload key 6, numbered exactly as docs/protocol.md §3.1.</summary>
    public static class BatchFlagBits
    {
        public const uint None = 0;
        public const uint ClockNotSynced = 0x01;
        public const uint CounterReset = 0x02;
        public const uint OutboxOverflow = 0x04;
        public const uint MeterFault = 0x08;
        public const uint Uncalibrated = 0x10;
        public const uint Curtailed = 0x20;
        public const uint FirstAfterBoot = 0x40;
    }
}
