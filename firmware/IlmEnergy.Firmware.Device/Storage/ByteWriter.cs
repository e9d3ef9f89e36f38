using System;
using System.Text;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>Growable little-endian byte buffer for the device's own storage formats (not the wire format).</summary>
    public sealed class ByteWriter
    {
        private byte[] _buffer;

        public ByteWriter(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
        }

        public int Length { get; private set; }

        public void WriteByte(byte value)
        {
            Ensure(1);
            _buffer[Length++] = value;
        }

        public void WriteBool(bool value)
        {
            WriteByte(value ? (byte)1 : (byte)0);
        }

        public void WriteUInt16(int value)
        {
            Ensure(2);
            _buffer[Length++] = (byte)value;
            _buffer[Length++] = (byte)(value >> 8);
        }

        public void WriteUInt32(uint value)
        {
            Ensure(4);
            _buffer[Length++] = (byte)value;
            _buffer[Length++] = (byte)(value >> 8);
            _buffer[Length++] = (byte)(value >> 16);
            _buffer[Length++] = (byte)(value >> 24);
        }

        public void WriteInt32(int value)
        {
            WriteUInt32((uint)value);
        }

        public void WriteInt64(long value)
        {
            WriteUInt32((uint)value);
            WriteUInt32((uint)(value >> 32));
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            Ensure(count);
            Array.Copy(data, offset, _buffer, Length, count);
            Length += count;
        }

        /// <summary>UTF-8 with a one-byte length; null is stored as length 0 and reads back as null.</summary>
        public void WriteShortString(string value)
        {
            if (value == null || value.Length == 0)
            {
                WriteByte(0);
                return;
            }

            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            if (utf8.Length > 255)
            {
                throw new ArgumentException("string longer than 255 UTF-8 bytes");
            }

            WriteByte((byte)utf8.Length);
            WriteBytes(utf8, 0, utf8.Length);
        }

        /// <summary>Overwrites four bytes already written (for fields known only at the end, such as a CRC).</summary>
        public void PatchUInt32(int position, uint value)
        {
            _buffer[position] = (byte)value;
            _buffer[position + 1] = (byte)(value >> 8);
            _buffer[position + 2] = (byte)(value >> 16);
            _buffer[position + 3] = (byte)(value >> 24);
        }

        /// <summary>The live buffer (valid up to <see cref="Length"/>), for CRC computation without a copy.</summary>
        public byte[] Buffer => _buffer;

        public byte[] ToArray()
        {
            byte[] result = new byte[Length];
            Array.Copy(_buffer, 0, result, 0, Length);
            return result;
        }

        private void Ensure(int extra)
        {
            if (Length + extra <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            while (size < Length + extra)
            {
                size *= 2;
            }

            byte[] grown = new byte[size];
            Array.Copy(_buffer, 0, grown, 0, Length);
            _buffer = grown;
        }
    }
}
