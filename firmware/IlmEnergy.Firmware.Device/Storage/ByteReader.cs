using System.Text;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Reads what <see cref="ByteWriter"/> wrote. Every read is bounds-checked and throws
    /// <see cref="CorruptDataException"/> instead of running off the end.
    /// </summary>
    public sealed class ByteReader
    {
        private readonly byte[] _data;
        private readonly int _end;

        public ByteReader(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                throw new CorruptDataException("range outside the data");
            }

            _data = data;
            Position = offset;
            _end = offset + count;
        }

        public int Position { get; private set; }

        public int Remaining => _end - Position;

        public byte ReadByte()
        {
            Require(1);
            return _data[Position++];
        }

        public bool ReadBool()
        {
            byte b = ReadByte();
            if (b > 1)
            {
                throw new CorruptDataException("bool byte is neither 0 nor 1");
            }

            return b == 1;
        }

        public int ReadUInt16()
        {
            Require(2);
            int value = _data[Position] | (_data[Position + 1] << 8);
            Position += 2;
            return value;
        }

        public uint ReadUInt32()
        {
            Require(4);
            uint value = (uint)_data[Position]
                | ((uint)_data[Position + 1] << 8)
                | ((uint)_data[Position + 2] << 16)
                | ((uint)_data[Position + 3] << 24);
            Position += 4;
            return value;
        }

        public int ReadInt32()
        {
            return (int)ReadUInt32();
        }

        public long ReadInt64()
        {
            uint low = ReadUInt32();
            uint high = ReadUInt32();
            return (long)(((ulong)high << 32) | low);
        }

        public string ReadShortString()
        {
            int length = ReadByte();
            if (length == 0)
            {
                return null;
            }

            Require(length);
            string value = Encoding.UTF8.GetString(_data, Position, length);
            Position += length;
            return value;
        }

        private void Require(int count)
        {
            if (count > _end - Position)
            {
                throw new CorruptDataException("record ends early");
            }
        }
    }
}
