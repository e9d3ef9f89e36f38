namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// One outbox record on flash: <c>[magic 'O''B' | length u16 | seq i64 | crc32 u32 | message]</c>,
    /// little-endian, the CRC covering the first 12 bytes and the message. A record that is cut short or
    /// whose CRC fails is never returned.
    /// </summary>
    internal static class OutboxFraming
    {
        public const int HeaderSize = OutboxOptions.RecordOverhead;
        private const byte Magic0 = 0x4F;
        private const byte Magic1 = 0x42;
        private const int CrcAt = 12;

        public static byte[] Encode(long seq, byte[] message)
        {
            ByteWriter w = new ByteWriter(HeaderSize + message.Length);
            w.WriteByte(Magic0);
            w.WriteByte(Magic1);
            w.WriteUInt16(message.Length);
            w.WriteInt64(seq);
            w.WriteUInt32(0);
            w.WriteBytes(message, 0, message.Length);
            w.PatchUInt32(CrcAt, Checksum(w.Buffer, 0, message.Length));
            return w.ToArray();
        }

        /// <summary>
        /// Size of the valid record at <paramref name="offset"/> (header + message), or 0 when the bytes
        /// there are not a complete valid record no longer than <paramref name="maxMessage"/>.
        /// </summary>
        public static int ValidSize(byte[] data, int offset, int available, int maxMessage)
        {
            if (available < HeaderSize || data[offset] != Magic0 || data[offset + 1] != Magic1)
            {
                return 0;
            }

            int length = data[offset + 2] | (data[offset + 3] << 8);
            if (length == 0 || length > maxMessage || HeaderSize + length > available)
            {
                return 0;
            }

            ByteReader crc = new ByteReader(data, offset + CrcAt, 4);
            if (crc.ReadUInt32() != Checksum(data, offset, length))
            {
                return 0;
            }

            return HeaderSize + length;
        }

        public static long ReadSeq(byte[] data, int offset)
        {
            return new ByteReader(data, offset + 4, 8).ReadInt64();
        }

        private static uint Checksum(byte[] data, int offset, int messageLength)
        {
            uint running = Crc32.Update(Crc32.Start(), data, offset, CrcAt);
            running = Crc32.Update(running, data, offset + HeaderSize, messageLength);
            return Crc32.Finish(running);
        }
    }
}
