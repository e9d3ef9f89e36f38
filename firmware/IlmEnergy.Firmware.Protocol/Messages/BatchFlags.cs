namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>Bits of payload key 6 (docs/protocol.md §3.1). Bits 7 and up are reserved (must be 0).</summary>
    public static class BatchFlags
    {
        public const uint None = 0;
        public const uint ClockNotSynced = 0x01;
        public const uint CounterReset = 0x02;
        public const uint OutboxOverflow = 0x04;
        public const uint MeterFault = 0x08;
        public const uint Uncalibrated = 0x10;
        public const uint Curtailed = 0x20;
        public const uint FirstAfterBoot = 0x40;

        /// <summary>Every bit version 1 defines.</summary>
        public const uint AllDefined = 0x7F;
    }
}
