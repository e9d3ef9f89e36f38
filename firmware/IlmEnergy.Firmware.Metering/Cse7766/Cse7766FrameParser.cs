namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Streaming CSE7766 frame parser: header byte, 0x5A, 22 more bytes, additive checksum.</summary>
    public sealed class Cse7766FrameParser : StreamFrameParser
    {
        /// <summary>
        /// The chip streams a frame every ~50 ms (24 bytes at 4800 8E1 take 55 ms), but the driver drains the
        /// UART only once per poll, so a frame split across two polls must survive one poll interval.
        /// </summary>
        public const long DefaultPartialFrameTimeoutMs = 1500;

        public Cse7766FrameParser()
            : this(DefaultPartialFrameTimeoutMs)
        {
        }

        public Cse7766FrameParser(long partialFrameTimeoutMs)
            : base(Cse7766Frame.Length, partialFrameTimeoutMs)
        {
        }

        /// <summary>The most recent valid frame (overwritten in place by the next one).</summary>
        public Cse7766Frame Frame { get; } = new Cse7766Frame();

        protected override bool IsPlausiblePrefix(byte[] buffer, int count)
        {
            return Cse7766Frame.IsHeader(buffer[0]) && (count < 2 || buffer[1] == Cse7766Frame.SecondByte);
        }

        protected override bool IsChecksumValid(byte[] frame)
        {
            return Cse7766Frame.ComputeChecksum(frame, 0) == frame[Cse7766Frame.Length - 1];
        }

        protected override bool Decode(byte[] frame)
        {
            return Frame.DecodeFrom(frame, 0);
        }
    }
}
