using System;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Batch sequence numbers (payload key 2) that never go backwards, not even across reboots, with one
    /// flash write per block: before the first number of a block is handed out, the block's END is
    /// saved. After a reboot numbering continues from the saved end, so the unused rest of the last
    /// block becomes a gap (allowed) and no number is ever reused. If the save fails (power lost while
    /// writing), the number is not handed out; the old end is still on flash, and it is the same number.
    /// </summary>
    public sealed class SequenceAllocator
    {
        public const int DefaultBlockSize = 64;

        private readonly DeviceStateStore _store;
        private readonly int _blockSize;
        private long _next;

        public SequenceAllocator(DeviceStateStore store)
            : this(store, DefaultBlockSize)
        {
        }

        public SequenceAllocator(DeviceStateStore store, int blockSize)
        {
            if (blockSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(blockSize));
            }

            _store = store;
            _blockSize = blockSize;
            _next = store.Current.SeqReservedEnd;
        }

        /// <summary>The number <see cref="Next"/> will return (hello key 11).</summary>
        public long PeekNext => _next;

        /// <summary>Returns the next sequence number, first reserving a new block on flash when needed.</summary>
        public long Next()
        {
            if (_next >= _store.Current.SeqReservedEnd)
            {
                Reserve(_next + _blockSize);
            }

            return _next++;
        }

        /// <summary>
        /// Moves numbering up to at least <paramref name="minimum"/>. After a flash loss the lead can pass
        /// the synced Unix time in ms: older numbers were handed out at most one per batch, far below it.
        /// </summary>
        public void RaiseFloor(long minimum)
        {
            if (minimum > _next)
            {
                Reserve(minimum + _blockSize);
                _next = minimum;
            }
        }

        private void Reserve(long end)
        {
            long previous = _store.Current.SeqReservedEnd;
            _store.Current.SeqReservedEnd = end;
            try
            {
                _store.Save();
            }
            catch
            {
                // Not durable, so not usable: the next attempt writes it again.
                _store.Current.SeqReservedEnd = previous;
                throw;
            }
        }
    }
}
