namespace IlmEnergy.Firmware.Device
{
    /// <summary>What the outbox knows about one segment file.</summary>
    internal sealed class OutboxSegment
    {
        public OutboxSegment(int number, string name)
        {
            Number = number;
            Name = name;
        }

        public int Number { get; private set; }

        public string Name { get; private set; }

        /// <summary>Bytes the file occupies, including a torn tail (counts against the capacity).</summary>
        public long FileBytes { get; set; }

        /// <summary>Bytes of complete, valid records from the start.</summary>
        public long ValidBytes { get; set; }

        /// <summary>Complete, valid records in the file.</summary>
        public int Records { get; set; }

        /// <summary>A torn or failed write left junk after the valid records: never append here again.</summary>
        public bool Sealed { get; set; }
    }
}
