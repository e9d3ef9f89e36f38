namespace IlmEnergy.Firmware.Device
{
    /// <summary>The oldest message waiting in the outbox.</summary>
    public sealed class OutboxRecord
    {
        public OutboxRecord(long seq, byte[] message, int storedBytes)
        {
            Seq = seq;
            Message = message;
            StoredBytes = storedBytes;
        }

        /// <summary>The batch sequence number given to <see cref="Outbox.Append"/>.</summary>
        public long Seq { get; private set; }

        /// <summary>The signed message, byte for byte as appended.</summary>
        public byte[] Message { get; private set; }

        /// <summary>Bytes on flash including framing.</summary>
        public int StoredBytes { get; private set; }
    }
}
