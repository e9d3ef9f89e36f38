using System;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Outbox sizing. Defaults: 16 KB segments, 160 KB in all, records up to 4096 bytes.
    /// Capacity = floor(MaxTotalBytes / (message + 16 framing bytes)) records before the first drop:
    /// at the protocol's typical ~350-byte signed batch, one a minute, 447 batches = 7 h 27 min of outage;
    /// at 120 samples per batch (~3.7 KB, 20 min at 10 s sampling), 44 batches = 14 h 40 min.
    /// Days of buffering on the 256 KB LittleFS partition need coarser samples while offline
    /// (120 samples of 60 s = 2 h per ~3.7 KB batch: 44 batches = 3 days 16 h).
    /// </summary>
    public sealed class OutboxOptions
    {
        /// <summary>Framing added to every record: magic 2, length 2, seq 8, crc32 4.</summary>
        public const int RecordOverhead = 16;

        public OutboxOptions()
        {
            SegmentBytes = 16 * 1024;
            MaxTotalBytes = 160 * 1024;
            MaxRecordBytes = 4096;
            FilePrefix = "ob";
        }

        /// <summary>A segment file is closed once the next record would make it larger than this.</summary>
        public int SegmentBytes { get; set; }

        /// <summary>Bound on all segment files together; beyond it the oldest segment is dropped.</summary>
        public int MaxTotalBytes { get; set; }

        /// <summary>Largest message accepted (the protocol's 4096-byte limit).</summary>
        public int MaxRecordBytes { get; set; }

        /// <summary>File name prefix: segments are prefix + "seg" + 8 digits, the head pointer prefix + "head".</summary>
        public string FilePrefix { get; set; }

        public void Validate()
        {
            if (MaxRecordBytes < 1 || MaxRecordBytes > 65535)
            {
                throw new ArgumentException("MaxRecordBytes must be 1..65535");
            }

            if (SegmentBytes < MaxRecordBytes + RecordOverhead)
            {
                throw new ArgumentException("a segment must hold at least one maximum-size record");
            }

            if (MaxTotalBytes < 2 * SegmentBytes)
            {
                throw new ArgumentException("MaxTotalBytes must hold at least two segments");
            }

            if (FilePrefix == null || FilePrefix.Length == 0)
            {
                throw new ArgumentException("FilePrefix is required");
            }
        }
    }
}
