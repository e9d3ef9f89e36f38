namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Streaming BL0942 packet parser: header 0x55, 23 bytes, checksum seeded with 0x58 | address.</summary>
    public sealed class Bl0942FrameParser : StreamFrameParser
    {
        /// <summary>ESPHome drops a partial packet after 200 ms; a packet takes ~53 ms at 4800 baud.</summary>
        public const long DefaultPartialFrameTimeoutMs = 200;

        private readonly int _address;

        public Bl0942FrameParser(int address)
            : this(address, DefaultPartialFrameTimeoutMs)
        {
        }

        public Bl0942FrameParser(int address, long partialFrameTimeoutMs)
            : base(Bl0942Frame.Length, partialFrameTimeoutMs)
        {
            _address = address & 0x03;
        }

        /// <summary>The most recent valid packet (overwritten in place by the next one).</summary>
        public Bl0942Frame Frame { get; } = new Bl0942Frame();

        protected override bool IsPlausiblePrefix(byte[] buffer, int count)
        {
            return buffer[0] == Bl0942Frame.Header;
        }

        protected override bool IsChecksumValid(byte[] frame)
        {
            return Bl0942Frame.ComputeChecksum(frame, 0, _address) == frame[Bl0942Frame.Length - 1];
        }

        protected override bool Decode(byte[] frame)
        {
            return Frame.DecodeFrom(frame, 0);
        }
    }
}
