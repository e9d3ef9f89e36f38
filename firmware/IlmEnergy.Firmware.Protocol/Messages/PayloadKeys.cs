namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>Payload map keys of every kind (docs/protocol.md §3).</summary>
    public static class PayloadKeys
    {
        public const int Kind = 0;
        public const int Version = 1;
        public const int Seq = 2;
        public const int Boot = 3;
        public const int Board = 4;
        public const int Firmware = 5;
        public const int Flags = 6;
        public const int Samples = 7;
        public const int Dropped = 8;
        public const int DrReports = 9;
        public const int Time = 10;
        public const int NextSeq = 11;
        public const int CommandId = 20;
        public const int Device = 21;
        public const int Action = 22;
        public const int Start = 23;
        public const int End = 24;
        public const int Issued = 25;
        public const int Expires = 26;
        public const int EventId = 27;
    }
}
