namespace IlmEnergy.Firmware.Protocol.Cbor
{
    /// <summary>
    /// The open containers (arrays, maps, tags waiting for their content) of one CBOR item while it is
    /// written or read: how many items each still expects and, for maps, where the previous key lies.
    /// The writer and the reader share it so both enforce deterministic key order (strictly
    /// ascending bytewise, no duplicates: RFC 8949 §4.2.1) the same way. Keys are compared where
    /// they lie in the caller's buffer, given by offsets, so nothing is copied.
    /// </summary>
    internal sealed class CborNesting
    {
        public const int KindArray = 0;
        public const int KindMap = 1;
        public const int KindTag = 2;

        private readonly int _maxDepth;
        private readonly int[] _kind;
        private readonly int[] _remaining;          // items still expected (a map pair counts 2)
        private readonly int[] _keyStart;           // offset where the current key began
        private readonly int[] _previousKeyStart;
        private readonly int[] _previousKeyLength;  // -1 before the first key
        private int _depth;

        public CborNesting(int maxDepth)
        {
            _maxDepth = maxDepth;
            _kind = new int[maxDepth];
            _remaining = new int[maxDepth];
            _keyStart = new int[maxDepth];
            _previousKeyStart = new int[maxDepth];
            _previousKeyLength = new int[maxDepth];
        }

        /// <summary>Containers still open; 0 between top-level items.</summary>
        public int Depth
        {
            get { return _depth; }
        }

        public void Reset()
        {
            _depth = 0;
        }

        /// <summary>
        /// Opens a container expecting <paramref name="itemCount"/> items (a map pair counts 2). An empty
        /// container is complete at once. Returns true when that completed the top-level item.
        /// </summary>
        public bool Open(int kind, int itemCount, byte[] data, int position)
        {
            if (itemCount == 0)
            {
                return EndItem(data, position);
            }

            if (_depth == _maxDepth)
            {
                throw new CborException("nesting deeper than " + _maxDepth.ToString());
            }

            _kind[_depth] = kind;
            _remaining[_depth] = itemCount;
            _previousKeyLength[_depth] = -1;
            _depth++;
            return false;
        }

        /// <summary>Called at the first byte of every item: remembers where a map key starts.</summary>
        public void BeginItem(int position)
        {
            if (_depth == 0)
            {
                return;
            }

            int top = _depth - 1;
            if (_kind[top] == KindMap && _remaining[top] % 2 == 0)
            {
                _keyStart[top] = position;
            }
        }

        /// <summary>
        /// Called after the last byte of every item, at <paramref name="position"/>: checks key order and
        /// closes the containers that became complete. Returns true when the top-level item is complete.
        /// </summary>
        public bool EndItem(byte[] data, int position)
        {
            while (_depth > 0)
            {
                int top = _depth - 1;
                if (_kind[top] == KindMap && _remaining[top] % 2 == 0)
                {
                    CheckKeyOrder(top, data, position);
                }

                _remaining[top]--;
                if (_remaining[top] > 0)
                {
                    return false;
                }

                // The container is complete, which completes one item of its parent.
                _depth--;
            }

            return true;
        }

        private void CheckKeyOrder(int level, byte[] data, int end)
        {
            int start = _keyStart[level];
            int length = end - start;
            int previousLength = _previousKeyLength[level];
            if (previousLength >= 0 && Compare(data, _previousKeyStart[level], previousLength, start, length) >= 0)
            {
                throw new CborException("map keys not in strictly ascending order, or duplicated (RFC 8949 §4.2.1)");
            }

            _previousKeyStart[level] = start;
            _previousKeyLength[level] = length;
        }

        private static int Compare(byte[] data, int aStart, int aLength, int bStart, int bLength)
        {
            int common = aLength < bLength ? aLength : bLength;
            for (int i = 0; i < common; i++)
            {
                byte a = data[aStart + i];
                byte b = data[bStart + i];
                if (a != b)
                {
                    return a < b ? -1 : 1;
                }
            }

            return aLength - bLength;
        }
    }
}
