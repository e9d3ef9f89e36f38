using System;
using System.Collections;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Store-and-forward queue on flash for signed batches. Append a batch BEFORE publishing it; publish
    /// <see cref="Peek"/>; call <see cref="RemoveOldest"/> only after the broker's PUBACK. Records are
    /// replayed strictly in append order.
    /// <para>Layout: append-only segment files (see <see cref="OutboxFraming"/>) plus a head pointer
    /// (segment, offset, dropped count) kept in a <see cref="DurableRecord"/> and saved on every
    /// removal, so acknowledged records are not resent after a reboot (a resend would be harmless: the
    /// server deduplicates identical bytes).</para>
    /// <para>Power loss: on open every segment is scanned; a torn or corrupt tail ends the valid part
    /// and seals the segment (new records go to a fresh one), so a corrupt record is never returned and
    /// earlier records are never lost.</para>
    /// <para>Full: the oldest segment is deleted, and its unsent records are counted in
    /// <see cref="DroppedPending"/> for the next batch's OutboxOverflow flag and key 8.</para>
    /// </summary>
    public sealed class Outbox
    {
        private const int DigitsInSegmentNumber = 8;

        private readonly IFileStore _files;
        private readonly OutboxOptions _options;
        private readonly string _segmentPrefix;
        private readonly DurableRecord _head;

        // Ascending by number; the first one is always the head segment.
        private readonly ArrayList _segments = new ArrayList();
        private int _nextSegmentNumber;
        private long _headOffset;
        private int _headIndex;

        public Outbox(IFileStore files, OutboxOptions options)
        {
            options.Validate();
            _files = files;
            _options = options;
            _segmentPrefix = options.FilePrefix + "seg";
            _head = new DurableRecord(files, options.FilePrefix + "head");
            Open();
        }

        /// <summary>Records waiting to be sent.</summary>
        public int Count
        {
            get
            {
                int count = -_headIndex;
                for (int i = 0; i < _segments.Count; i++)
                {
                    count += Segment(i).Records;
                }

                return count;
            }
        }

        /// <summary>Bytes all segment files occupy (acknowledged records stay until their segment is deleted).</summary>
        public long TotalBytes
        {
            get
            {
                long total = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    total += Segment(i).FileBytes;
                }

                return total;
            }
        }

        /// <summary>Records dropped since the count was last reported (<see cref="ClearDropped"/>); survives reboots.</summary>
        public uint DroppedPending { get; private set; }

        /// <summary>Segment files on flash (diagnostics).</summary>
        public int SegmentCount => _segments.Count;

        /// <summary>
        /// Stores a signed message durably, dropping the oldest segment first when the outbox is full.
        /// Throws <see cref="ArgumentException"/> for an empty or oversized message.
        /// </summary>
        public void Append(long seq, byte[] message)
        {
            if (message == null || message.Length == 0 || message.Length > _options.MaxRecordBytes)
            {
                throw new ArgumentException("message must be 1.." + _options.MaxRecordBytes.ToString() + " bytes");
            }

            byte[] record = OutboxFraming.Encode(seq, message);
            OutboxSegment target = _segments.Count == 0 ? null : Segment(_segments.Count - 1);
            if (target != null && (target.Sealed || target.FileBytes + record.Length > _options.SegmentBytes))
            {
                target = null;
            }

            bool isNew = target == null;
            if (isNew)
            {
                int number = _nextSegmentNumber++;
                target = new OutboxSegment(number, SegmentName(number));
            }

            while (TotalBytes + record.Length > _options.MaxTotalBytes && _segments.Count > 0 && Segment(0) != target)
            {
                DropOldestSegment(isNew ? target.Number : -1);
            }

            if (isNew)
            {
                _segments.Add(target);
                if (_segments.Count == 1)
                {
                    _headOffset = 0;
                    _headIndex = 0;
                }
            }

            try
            {
                _files.Append(target.Name, record, 0, record.Length);
            }
            catch
            {
                // Part of the record may be on flash: never append after it.
                target.Sealed = true;
                target.FileBytes = target.ValidBytes + record.Length;
                throw;
            }

            target.FileBytes += record.Length;
            target.ValidBytes += record.Length;
            target.Records++;
        }

        /// <summary>The oldest waiting record, or null when there is none.</summary>
        public OutboxRecord Peek()
        {
            while (_segments.Count > 0)
            {
                OutboxSegment segment = Segment(0);
                if (_headIndex < segment.Records)
                {
                    OutboxRecord record = ReadRecord(segment, _headOffset);
                    if (record != null)
                    {
                        return record;
                    }

                    // Flash changed under us since the scan: give up the rest of this segment.
                    DroppedPending += (uint)(segment.Records - _headIndex);
                    segment.Records = _headIndex;
                    segment.Sealed = true;
                }

                if (_segments.Count == 1)
                {
                    return null;
                }

                AdvanceToNextSegment();
            }

            return null;
        }

        /// <summary>
        /// Up to <paramref name="max"/> oldest waiting records in order, without removing them, so the
        /// device loop can keep a few publishes in flight. Read-only: a record that no longer reads back
        /// ends the list here (<see cref="Peek"/> deals with it once it becomes the oldest).
        /// </summary>
        public OutboxRecord[] PeekOldest(int max)
        {
            OutboxRecord first = max > 0 ? Peek() : null;
            if (first == null)
            {
                return new OutboxRecord[0];
            }

            OutboxRecord[] found = new OutboxRecord[max];
            found[0] = first;
            int count = 1;
            int segmentIndex = 0;
            long offset = _headOffset + first.StoredBytes;
            int recordIndex = _headIndex + 1;
            while (count < max && segmentIndex < _segments.Count)
            {
                OutboxSegment segment = Segment(segmentIndex);
                if (recordIndex >= segment.Records)
                {
                    segmentIndex++;
                    offset = 0;
                    recordIndex = 0;
                    continue;
                }

                OutboxRecord record = ReadRecord(segment, offset);
                if (record == null)
                {
                    break;
                }

                found[count++] = record;
                offset += record.StoredBytes;
                recordIndex++;
            }

            OutboxRecord[] result = new OutboxRecord[count];
            Array.Copy(found, 0, result, 0, count);
            return result;
        }

        /// <summary>
        /// Removes the oldest record after the broker acknowledged it. Returns false (and removes
        /// nothing) when <paramref name="seq"/> is not the oldest record's, e.g. a late PUBACK.
        /// </summary>
        public bool RemoveOldest(long seq)
        {
            OutboxRecord oldest = Peek();
            if (oldest == null || oldest.Seq != seq)
            {
                return false;
            }

            OutboxSegment segment = Segment(0);
            _headOffset += oldest.StoredBytes;
            _headIndex++;
            if (_headIndex >= segment.Records && _segments.Count > 1)
            {
                AdvanceToNextSegment();
            }
            else
            {
                SaveHead();
            }

            return true;
        }

        /// <summary>The dropped count went out in a queued batch: subtract it.</summary>
        public void ClearDropped(uint reported)
        {
            if (reported == 0)
            {
                return;
            }

            DroppedPending = reported >= DroppedPending ? 0 : DroppedPending - reported;
            SaveHead();
        }

        private void Open()
        {
            int headNumber = 0;
            byte[] head = _head.Load();
            if (head != null && head.Length >= 12)
            {
                ByteReader reader = new ByteReader(head, 0, head.Length);
                headNumber = reader.ReadInt32();
                _headOffset = reader.ReadUInt32();
                DroppedPending = reader.ReadUInt32();
            }

            int[] numbers = ListSegmentNumbers();
            _nextSegmentNumber = headNumber + 1;
            for (int i = 0; i < numbers.Length; i++)
            {
                int number = numbers[i];
                if (number >= _nextSegmentNumber)
                {
                    _nextSegmentNumber = number + 1;
                }

                if (number < headNumber)
                {
                    // Fully acknowledged; the delete was interrupted last time.
                    _files.Delete(SegmentName(number));
                    continue;
                }

                OutboxSegment segment = new OutboxSegment(number, SegmentName(number));
                Scan(segment, number == headNumber);
                _segments.Add(segment);
            }

            if (_segments.Count == 0 || Segment(0).Number != headNumber)
            {
                // The head's segment is gone (dropped while full, or no head saved): start at the oldest.
                _headOffset = 0;
                _headIndex = 0;
            }
        }

        /// <summary>Reads the valid records of a segment; for the head segment also finds the head's index.</summary>
        private void Scan(OutboxSegment segment, bool isHead)
        {
            byte[] bytes = _files.ReadAll(segment.Name);
            int length = bytes == null ? 0 : bytes.Length;
            int position = 0;
            int records = 0;
            int headIndex = 0;
            long headOffset = 0;
            while (position < length)
            {
                int size = OutboxFraming.ValidSize(bytes, position, length - position, _options.MaxRecordBytes);
                if (size == 0)
                {
                    break;
                }

                if (isHead && position + size <= _headOffset)
                {
                    headIndex++;
                    headOffset = position + size;
                }

                position += size;
                records++;
            }

            segment.FileBytes = length;
            segment.ValidBytes = position;
            segment.Records = records;
            segment.Sealed = position < length;
            if (isHead)
            {
                // Snap to a record boundary; a damaged pointer can only make us resend, never skip.
                _headIndex = headIndex;
                _headOffset = headOffset;
            }
        }

        private OutboxRecord ReadRecord(OutboxSegment segment, long offset)
        {
            byte[] header = _files.Read(segment.Name, offset, OutboxFraming.HeaderSize);
            if (header == null || header.Length < OutboxFraming.HeaderSize)
            {
                return null;
            }

            int length = header[2] | (header[3] << 8);
            byte[] bytes = _files.Read(segment.Name, offset, OutboxFraming.HeaderSize + length);
            if (bytes == null)
            {
                return null;
            }

            int size = OutboxFraming.ValidSize(bytes, 0, bytes.Length, _options.MaxRecordBytes);
            if (size == 0)
            {
                return null;
            }

            byte[] message = new byte[length];
            Array.Copy(bytes, OutboxFraming.HeaderSize, message, 0, length);
            return new OutboxRecord(OutboxFraming.ReadSeq(bytes, 0), message, size);
        }

        /// <summary>Head moves to the next segment: save the pointer first, then delete the old file.</summary>
        private void AdvanceToNextSegment()
        {
            OutboxSegment old = Segment(0);
            _segments.RemoveAt(0);
            _headOffset = 0;
            _headIndex = 0;
            SaveHead();
            _files.Delete(old.Name);
        }

        /// <summary>Deletes the oldest segment to make room, counting its unsent records as dropped.</summary>
        private void DropOldestSegment(int pendingNewSegment)
        {
            OutboxSegment oldest = Segment(0);
            DroppedPending += (uint)(oldest.Records - _headIndex);
            _segments.RemoveAt(0);
            _headOffset = 0;
            _headIndex = 0;
            SaveHead(_segments.Count > 0 ? Segment(0).Number : pendingNewSegment);
            _files.Delete(oldest.Name);
        }

        private void SaveHead()
        {
            SaveHead(_segments.Count > 0 ? Segment(0).Number : _nextSegmentNumber);
        }

        private void SaveHead(int headNumber)
        {
            ByteWriter w = new ByteWriter(12);
            w.WriteInt32(headNumber);
            w.WriteUInt32((uint)_headOffset);
            w.WriteUInt32(DroppedPending);
            _head.Save(w.ToArray());
        }

        private int[] ListSegmentNumbers()
        {
            string[] names = _files.List(_segmentPrefix);
            int[] numbers = new int[names == null ? 0 : names.Length];
            int count = 0;
            for (int i = 0; i < numbers.Length; i++)
            {
                int number = ParseSegmentNumber(names[i]);
                if (number >= 0)
                {
                    numbers[count++] = number;
                }
            }

            // Insertion sort: a handful of segments, and nanoFramework has no generic sort.
            for (int i = 1; i < count; i++)
            {
                int value = numbers[i];
                int j = i - 1;
                while (j >= 0 && numbers[j] > value)
                {
                    numbers[j + 1] = numbers[j];
                    j--;
                }

                numbers[j + 1] = value;
            }

            int[] result = new int[count];
            Array.Copy(numbers, 0, result, 0, count);
            return result;
        }

        private int ParseSegmentNumber(string name)
        {
            if (name.Length != _segmentPrefix.Length + DigitsInSegmentNumber)
            {
                return -1;
            }

            int number = 0;
            for (int i = _segmentPrefix.Length; i < name.Length; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                number = number * 10 + (c - '0');
            }

            return number;
        }

        private string SegmentName(int number)
        {
            return _segmentPrefix + number.ToString("D8");
        }

        private OutboxSegment Segment(int index)
        {
            return (OutboxSegment)_segments[index];
        }
    }
}
