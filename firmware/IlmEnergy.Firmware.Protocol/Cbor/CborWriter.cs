using System;

namespace IlmEnergy.Firmware.Protocol.Cbor
{
    /// <summary>
    /// Writes deterministically encoded CBOR (RFC 8949 §4.2.1): shortest-form integers and lengths,
    /// definite lengths only. Containers are declared with their item count up front and close
    /// themselves after it; the writer refuses a second top-level item, ToArray with a container
    /// still open, and map keys not in strictly ascending bytewise order of their encodings
    /// (RFC 8949 §4.2.1), throwing <see cref="CborException"/>. One writer produces one item.
    /// </summary>
    public class CborWriter
    {
        public const int MaxDepth = 16;

        private byte[] _buffer;
        private int _length;

        private readonly CborNesting _nesting = new CborNesting(MaxDepth);
        private bool _topLevelDone;

        public CborWriter() : this(256)
        {
        }

        public CborWriter(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
        }

        /// <summary>Bytes written so far.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>True when no container is waiting for more items.</summary>
        public bool IsComplete
        {
            get { return _nesting.Depth == 0; }
        }

        public void Reset()
        {
            _length = 0;
            _nesting.Reset();
            _topLevelDone = false;
        }

        /// <summary>The encoded bytes; every declared container must be complete.</summary>
        public byte[] ToArray()
        {
            if (_nesting.Depth != 0)
            {
                throw new CborException("an array, map or tag is still waiting for items");
            }

            byte[] result = new byte[_length];
            Array.Copy(_buffer, result, _length);
            return result;
        }

        public void WriteUInt64(ulong value)
        {
            BeginItem();
            WriteHeader(CborMajorType.UnsignedInteger, value);
            EndItem();
        }

        public void WriteUInt32(uint value)
        {
            WriteUInt64(value);
        }

        /// <summary>Writes a signed integer as major type 0 (≥ 0) or 1 (encodes −1 − n).</summary>
        public void WriteInt64(long value)
        {
            BeginItem();
            if (value >= 0)
            {
                WriteHeader(CborMajorType.UnsignedInteger, (ulong)value);
            }
            else
            {
                // -1 - value cannot overflow for any negative long (−1 − long.MinValue = long.MaxValue).
                WriteHeader(CborMajorType.NegativeInteger, (ulong)(-1 - value));
            }

            EndItem();
        }

        /// <summary>Writes the CBOR negative integer −1 − <paramref name="n"/>, reaching down to −2⁶⁴.</summary>
        public void WriteNegativeRaw(ulong n)
        {
            BeginItem();
            WriteHeader(CborMajorType.NegativeInteger, n);
            EndItem();
        }

        public void WriteBool(bool value)
        {
            BeginItem();
            Append((byte)(value ? 0xF5 : 0xF4));
            EndItem();
        }

        public void WriteNull()
        {
            BeginItem();
            Append(0xF6);
            EndItem();
        }

        public void WriteByteString(byte[] value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            WriteByteString(value, 0, value.Length);
        }

        public void WriteByteString(byte[] value, int offset, int count)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            if (offset < 0 || count < 0 || offset + count > value.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            BeginItem();
            WriteHeader(CborMajorType.ByteString, (ulong)count);
            AppendBytes(value, offset, count);
            EndItem();
        }

        /// <summary>Writes a text string as UTF-8.</summary>
        public void WriteTextString(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(value);
            BeginItem();
            WriteHeader(CborMajorType.TextString, (ulong)utf8.Length);
            AppendBytes(utf8, 0, utf8.Length);
            EndItem();
        }

        /// <summary>Starts an array of exactly <paramref name="count"/> items.</summary>
        public void WriteStartArray(int count)
        {
            StartContainer(CborMajorType.Array, CborNesting.KindArray, count, count);
        }

        /// <summary>Starts a map of exactly <paramref name="pairCount"/> key/value pairs; keys must ascend.</summary>
        public void WriteStartMap(int pairCount)
        {
            StartContainer(CborMajorType.Map, CborNesting.KindMap, pairCount, pairCount * 2);
        }

        /// <summary>Writes a tag; the next item written is its content.</summary>
        public void WriteTag(ulong tag)
        {
            BeginItem();
            WriteHeader(CborMajorType.Tag, tag);
            _nesting.Open(CborNesting.KindTag, 1, _buffer, _length);
        }

        /// <summary>
        /// Copies one complete, already encoded item (for example a pre-encoded protected header).
        /// The caller vouches that it is a single deterministic item.
        /// </summary>
        public void WriteEncodedValue(byte[] encoded)
        {
            if (encoded == null || encoded.Length == 0)
            {
                throw new ArgumentException("an encoded item needs at least one byte");
            }

            BeginItem();
            AppendBytes(encoded, 0, encoded.Length);
            EndItem();
        }

        private void StartContainer(CborMajorType major, int kind, int declaredCount, int itemCount)
        {
            if (declaredCount < 0)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            BeginItem();
            WriteHeader(major, (ulong)declaredCount);
            if (_nesting.Open(kind, itemCount, _buffer, _length))
            {
                _topLevelDone = true;
            }
        }

        // Called before the first byte of every item.
        private void BeginItem()
        {
            // Containers close themselves after their declared count, so an extra item would land
            // here, after the finished top-level item: refuse it rather than emit trailing bytes.
            if (_nesting.Depth == 0 && _topLevelDone)
            {
                throw new CborException("the top-level item is complete; more items than declared?");
            }

            _nesting.BeginItem(_length);
        }

        // Called after the last byte of every item; checks key order and closes completed containers.
        private void EndItem()
        {
            if (_nesting.EndItem(_buffer, _length))
            {
                _topLevelDone = true;
            }
        }

        /// <summary>Bytewise lexicographic order, the deterministic map key order of RFC 8949 §4.2.1.</summary>
        public static int CompareBytes(byte[] a, byte[] b)
        {
            int common = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < common; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return a.Length - b.Length;
        }

        private void WriteHeader(CborMajorType major, ulong argument)
        {
            int high = (int)major << 5;
            if (argument < 24)
            {
                Append((byte)(high | (int)argument));
            }
            else if (argument <= 0xFF)
            {
                Append((byte)(high | 24));
                Append((byte)argument);
            }
            else if (argument <= 0xFFFF)
            {
                Append((byte)(high | 25));
                AppendBigEndian(argument, 2);
            }
            else if (argument <= 0xFFFFFFFF)
            {
                Append((byte)(high | 26));
                AppendBigEndian(argument, 4);
            }
            else
            {
                Append((byte)(high | 27));
                AppendBigEndian(argument, 8);
            }
        }

        private void AppendBigEndian(ulong value, int byteCount)
        {
            EnsureCapacity(byteCount);
            for (int i = byteCount - 1; i >= 0; i--)
            {
                _buffer[_length + i] = (byte)value;
                value >>= 8;
            }

            _length += byteCount;
        }

        private void Append(byte value)
        {
            EnsureCapacity(1);
            _buffer[_length++] = value;
        }

        private void AppendBytes(byte[] source, int offset, int count)
        {
            EnsureCapacity(count);
            Array.Copy(source, offset, _buffer, _length, count);
            _length += count;
        }

        private void EnsureCapacity(int extra)
        {
            if (_length + extra <= _buffer.Length)
            {
                return;
            }

            int newSize = _buffer.Length * 2;
            while (newSize < _length + extra)
            {
                newSize *= 2;
            }

            byte[] larger = new byte[newSize];
            Array.Copy(_buffer, larger, _length);
            _buffer = larger;
        }
    }
}
