namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// The outbox records published but not yet acknowledged, oldest first, at most <see cref="Size"/>.
    /// A PUBACK marks its record; records leave the window (and then the outbox) only from the front, so
    /// the outbox is always trimmed in order even when PUBACKs arrive out of order. After a disconnect the
    /// window is cleared and publishing restarts from the outbox's oldest record.
    /// </summary>
    public sealed class PublishWindow
    {
        public const int DefaultSize = 4;

        private readonly long[] _seqs;
        private readonly ushort[] _messageIds;
        private readonly bool[] _acked;

        public PublishWindow(int size)
        {
            if (size < 1)
            {
                throw new System.ArgumentException("window size must be at least 1");
            }

            _seqs = new long[size];
            _messageIds = new ushort[size];
            _acked = new bool[size];
        }

        public int Size => _seqs.Length;

        /// <summary>Records in flight.</summary>
        public int Count { get; private set; }

        public bool IsFull => Count == _seqs.Length;

        public void Published(long seq, ushort messageId)
        {
            if (IsFull)
            {
                throw new System.InvalidOperationException("publish window is full");
            }

            _seqs[Count] = seq;
            _messageIds[Count] = messageId;
            _acked[Count] = false;
            Count++;
        }

        /// <summary>Marks the record with this message id; false when it is not ours (hello, status, a stale id).</summary>
        public bool Acknowledge(ushort messageId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_messageIds[i] == messageId && !_acked[i])
                {
                    _acked[i] = true;
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the oldest record in flight is acknowledged; <paramref name="seq"/> is its seq.</summary>
        public bool OldestAcknowledged(out long seq)
        {
            seq = Count > 0 ? _seqs[0] : -1;
            return Count > 0 && _acked[0];
        }

        /// <summary>Seq of the record at <paramref name="index"/> in flight (0 = oldest).</summary>
        public long SeqAt(int index)
        {
            return _seqs[index];
        }

        /// <summary>Drops the oldest record (after the outbox removed it).</summary>
        public void RemoveOldest()
        {
            for (int i = 1; i < Count; i++)
            {
                _seqs[i - 1] = _seqs[i];
                _messageIds[i - 1] = _messageIds[i];
                _acked[i - 1] = _acked[i];
            }

            if (Count > 0)
            {
                Count--;
            }
        }

        /// <summary>Connection lost: nothing is in flight any more; everything is resent from the oldest.</summary>
        public void Clear()
        {
            Count = 0;
        }
    }
}
