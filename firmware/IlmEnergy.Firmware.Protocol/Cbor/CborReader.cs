using System;

namespace IlmEnergy.Firmware.Protocol.Cbor
{
    /// <summary>
    /// A small, strict reader for the deterministic CBOR this protocol uses. It throws
    /// <see cref="CborException"/> on anything else: indefinite lengths, non-shortest integers or
    /// lengths, reserved additional-information values, floats and simple values other than false, true and null, invalid
    /// UTF-8, map keys out of order or duplicated, nesting deeper than the limit, lengths running past
    /// the input, and (through <see cref="ExpectEnd"/>) trailing bytes.
    /// Containers are tracked like in <see cref="CborWriter"/>: a container closes by itself after
    /// its declared number of items, and reading past it throws.
    /// </summary>
    public class CborReader
    {
        public const int DefaultMaxDepth = 8;

        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        private readonly CborNesting _nesting;

        public CborReader(byte[] data) : this(data, 0, data == null ? 0 : data.Length, DefaultMaxDepth)
        {
        }

        public CborReader(byte[] data, int offset, int count, int maxDepth)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset + count > data.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _data = data;
            _position = offset;
            _end = offset + count;
            _nesting = new CborNesting(maxDepth);
        }

        /// <summary>Offset of the next unread byte in the underlying array.</summary>
        public int Position
        {
            get { return _position; }
        }

        public int BytesRemaining
        {
            get { return _end - _position; }
        }

        /// <summary>Major type of the next item, without consuming it.</summary>
        public CborMajorType PeekMajorType()
        {
            RequireBytes(1);
            return (CborMajorType)(_data[_position] >> 5);
        }

        public ulong ReadUInt64()
        {
            BeginItem();
            ulong value = ReadHeader(CborMajorType.UnsignedInteger);
            EndItem();
            return value;
        }

        public uint ReadUInt32()
        {
            BeginItem();
            ulong value = ReadHeader(CborMajorType.UnsignedInteger);
            if (value > 0xFFFFFFFF)
            {
                throw new CborException("unsigned integer does not fit 32 bits");
            }

            EndItem();
            return (uint)value;
        }

        /// <summary>Reads major type 0 or 1 into a long; values outside its range throw.</summary>
        public long ReadInt64()
        {
            BeginItem();
            RequireBytes(1);
            CborMajorType major = (CborMajorType)(_data[_position] >> 5);
            if (major != CborMajorType.UnsignedInteger && major != CborMajorType.NegativeInteger)
            {
                throw new CborException("expected an integer");
            }

            ulong argument = ReadHeader(major);
            if (argument > 0x7FFFFFFFFFFFFFFF)
            {
                throw new CborException("integer does not fit 64 signed bits");
            }

            EndItem();
            return major == CborMajorType.UnsignedInteger ? (long)argument : -1 - (long)argument;
        }

        public int ReadInt32()
        {
            long value = ReadInt64();
            if (value < int.MinValue || value > int.MaxValue)
            {
                throw new CborException("integer does not fit 32 signed bits");
            }

            return (int)value;
        }

        public byte[] ReadByteString()
        {
            int offset;
            int length;
            ReadByteStringLocation(out offset, out length);
            byte[] value = new byte[length];
            Array.Copy(_data, offset, value, 0, length);
            return value;
        }

        /// <summary>Reads a byte string without copying it: where its content lies in the input.</summary>
        public void ReadByteStringLocation(out int offset, out int length)
        {
            BeginItem();
            length = ReadLength(CborMajorType.ByteString);
            offset = _position;
            _position += length;
            EndItem();
        }

        public string ReadTextString()
        {
            BeginItem();
            int length = ReadLength(CborMajorType.TextString);
            if (!Utf8Validator.IsValid(_data, _position, length))
            {
                throw new CborException("text string is not valid UTF-8");
            }

            string value = System.Text.Encoding.UTF8.GetString(_data, _position, length);
            _position += length;
            EndItem();
            return value;
        }

        /// <summary>Returns the number of items; the array closes after that many reads.</summary>
        public int ReadStartArray()
        {
            BeginItem();
            int count = ReadCount(CborMajorType.Array, 1);
            _nesting.Open(CborNesting.KindArray, count, _data, _position);
            return count;
        }

        /// <summary>Returns the number of key/value pairs; keys must ascend strictly.</summary>
        public int ReadStartMap()
        {
            BeginItem();
            int count = ReadCount(CborMajorType.Map, 2);
            _nesting.Open(CborNesting.KindMap, count * 2, _data, _position);
            return count;
        }

        /// <summary>Reads a tag number; the next item read is its content.</summary>
        public ulong ReadTag()
        {
            BeginItem();
            ulong tag = ReadHeader(CborMajorType.Tag);
            _nesting.Open(CborNesting.KindTag, 1, _data, _position);
            return tag;
        }

        public bool ReadBool()
        {
            BeginItem();
            RequireBytes(1);
            byte initial = _data[_position];
            if (initial != 0xF4 && initial != 0xF5)
            {
                throw new CborException("expected a boolean");
            }

            _position++;
            EndItem();
            return initial == 0xF5;
        }

        public void ReadNull()
        {
            BeginItem();
            RequireBytes(1);
            if (_data[_position] != 0xF6)
            {
                throw new CborException("expected null");
            }

            _position++;
            EndItem();
        }

        /// <summary>Skips one complete item (with everything nested in it), still checking it strictly.</summary>
        public void SkipValue()
        {
            CborMajorType major = PeekMajorType();
            switch (major)
            {
                case CborMajorType.UnsignedInteger:
                case CborMajorType.NegativeInteger:
                    ReadInt64OrLarge();
                    break;
                case CborMajorType.ByteString:
                    int ignoredOffset;
                    int ignoredLength;
                    ReadByteStringLocation(out ignoredOffset, out ignoredLength);
                    break;
                case CborMajorType.TextString:
                    ReadTextString();
                    break;
                case CborMajorType.Array:
                    int items = ReadStartArray();
                    for (int i = 0; i < items; i++)
                    {
                        SkipValue();
                    }

                    break;
                case CborMajorType.Map:
                    int pairs = ReadStartMap();
                    for (int i = 0; i < pairs * 2; i++)
                    {
                        SkipValue();
                    }

                    break;
                case CborMajorType.Tag:
                    ReadTag();
                    SkipValue();
                    break;
                default:
                    if (_data[_position] == 0xF6)
                    {
                        ReadNull();
                    }
                    else
                    {
                        ReadBool();
                    }

                    break;
            }
        }

        /// <summary>Throws unless every container is complete and no byte follows the last item.</summary>
        public void ExpectEnd()
        {
            if (_nesting.Depth != 0)
            {
                throw new CborException("input ends inside an array, map or tag");
            }

            if (_position != _end)
            {
                throw new CborException("trailing bytes after the top-level item");
            }
        }

        private void ReadInt64OrLarge()
        {
            BeginItem();
            ReadHeader((CborMajorType)(_data[_position] >> 5));
            EndItem();
        }

        private int ReadCount(CborMajorType major, int minimumBytesPerItem)
        {
            ulong count = ReadHeader(major);
            // Every item takes at least one byte, so a count larger than what is left is a lie.
            if (count > (ulong)(BytesRemaining / minimumBytesPerItem))
            {
                throw new CborException("container declares more items than the input holds");
            }

            return (int)count;
        }

        private int ReadLength(CborMajorType major)
        {
            ulong length = ReadHeader(major);
            if (length > (ulong)BytesRemaining)
            {
                throw new CborException("string length runs past the end of the input");
            }

            return (int)length;
        }

        // Reads an initial byte of the expected major type and its argument, enforcing shortest form.
        private ulong ReadHeader(CborMajorType expected)
        {
            RequireBytes(1);
            byte initial = _data[_position];
            CborMajorType major = (CborMajorType)(initial >> 5);
            if (major != expected)
            {
                throw new CborException("expected major type " + ((int)expected).ToString() + ", found " + ((int)major).ToString());
            }

            int info = initial & 0x1F;
            _position++;
            if (info < 24)
            {
                return (ulong)info;
            }

            if (info == 31)
            {
                throw new CborException("indefinite lengths are not allowed");
            }

            if (info > 27)
            {
                throw new CborException("reserved additional information value");
            }

            int size = 1 << (info - 24); // 24..27 -> 1, 2, 4, 8 bytes
            RequireBytes(size);
            ulong value = 0;
            for (int i = 0; i < size; i++)
            {
                value = (value << 8) | _data[_position + i];
            }

            _position += size;

            ulong shortestLimit = size == 1 ? 24UL : (size == 2 ? 0x100UL : (size == 4 ? 0x10000UL : 0x100000000UL));
            if (value < shortestLimit)
            {
                throw new CborException("integer or length not in its shortest form");
            }

            return value;
        }

        private void RequireBytes(int count)
        {
            if (_end - _position < count)
            {
                throw new CborException("input truncated");
            }
        }

        private void BeginItem()
        {
            _nesting.BeginItem(_position);
        }

        private void EndItem()
        {
            _nesting.EndItem(_data, _position);
        }
    }
}
