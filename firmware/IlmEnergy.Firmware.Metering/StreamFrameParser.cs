using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Byte-at-a-time frame synchroniser shared by the UART chips. It keeps a partial frame, and after
    /// every byte drops leading bytes until what is buffered could still be the start of a frame
    /// (header rules of the subclass). A full frame whose checksum fails loses only its first byte, so
    /// a real frame hidden behind garbage is still found. A partial frame older than the timeout is
    /// dropped, so a truncated reply cannot merge with the next one.
    /// </summary>
    public abstract class StreamFrameParser
    {
        private readonly byte[] _buffer;
        private int _count;
        private long _frameStartMs;

        protected StreamFrameParser(int frameLength, long partialFrameTimeoutMs)
        {
            if (frameLength < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(frameLength));
            }

            _buffer = new byte[frameLength];
            PartialFrameTimeoutMs = partialFrameTimeoutMs;
        }

        public int FrameLength => _buffer.Length;

        /// <summary>A partial frame whose first byte is older than this is discarded.</summary>
        public long PartialFrameTimeoutMs { get; set; }

        public int FramesAccepted { get; private set; }

        public int ChecksumErrors { get; private set; }

        /// <summary>Bytes thrown away while searching for a frame start.</summary>
        public int BytesDiscarded { get; private set; }

        /// <summary>Partial frames dropped because the rest did not arrive in time.</summary>
        public int PartialFrameTimeouts { get; private set; }

        /// <summary>Bytes currently held as the start of a frame.</summary>
        public int PendingBytes => _count;

        /// <summary>
        /// Feeds one received byte. Returns true when it completed a frame that passed the checksum and
        /// decoding; the subclass then exposes the decoded frame until the next true.
        /// </summary>
        public bool Feed(byte value, long nowMs)
        {
            if (_count > 0 && nowMs - _frameStartMs > PartialFrameTimeoutMs)
            {
                BytesDiscarded += _count;
                _count = 0;
                PartialFrameTimeouts++;
            }

            if (_count == 0)
            {
                _frameStartMs = nowMs;
            }

            _buffer[_count++] = value;
            Resynchronise(nowMs);

            if (_count < _buffer.Length)
            {
                return false;
            }

            if (IsChecksumValid(_buffer) && Decode(_buffer))
            {
                _count = 0;
                FramesAccepted++;
                return true;
            }

            ChecksumErrors++;
            DropFirst(nowMs);
            return false;
        }

        /// <summary>Forgets any partial frame (e.g. before sending a new request).</summary>
        public void Reset()
        {
            BytesDiscarded += _count;
            _count = 0;
        }

        /// <summary>True when buffer[0..count) can still be the beginning of a frame.</summary>
        protected abstract bool IsPlausiblePrefix(byte[] buffer, int count);

        /// <summary>Checks the checksum of a complete frame.</summary>
        protected abstract bool IsChecksumValid(byte[] frame);

        /// <summary>Decodes a complete, checksum-valid frame into the subclass's frame object; false rejects it.</summary>
        protected abstract bool Decode(byte[] frame);

        private void DropFirst(long nowMs)
        {
            Array.Copy(_buffer, 1, _buffer, 0, _count - 1);
            _count--;
            BytesDiscarded++;

            // The surviving bytes arrived later than the dropped header; restarting the clock here keeps a
            // resynchronised frame from being timed out by its predecessor's age.
            _frameStartMs = nowMs;
            Resynchronise(nowMs);
        }

        private void Resynchronise(long nowMs)
        {
            while (_count > 0 && !IsPlausiblePrefix(_buffer, _count))
            {
                Array.Copy(_buffer, 1, _buffer, 0, _count - 1);
                _count--;
                BytesDiscarded++;
                _frameStartMs = nowMs;
            }
        }
    }
}
