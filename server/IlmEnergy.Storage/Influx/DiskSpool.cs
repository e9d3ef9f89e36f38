using System.Buffers.Binary;
using System.Globalization;

namespace IlmEnergy.Storage.Influx;

/// <summary>One spooled batch: where it sits and its bytes (UTF-8 line protocol).</summary>
public sealed record SpoolRecord(long Segment, long Offset, byte[] Payload);

/// <summary>
/// A first-in first-out queue of byte records on disk, for batches InfluxDB could not take.
/// <para>
/// Records are appended to segment files (<c>000000000001.spool</c>, …) framed as
/// [length u32 LE][CRC-32 of payload u32 LE][payload] and fsynced before <see cref="Append"/> returns,
/// so a returned append survives a crash. Consumption is tracked in memory only: after a restart the
/// oldest segment is replayed from its start, which is harmless because reading writes are idempotent.
/// A torn record at the end of a file (crash mid-append) is detected by length/CRC and cut off on open.
/// </para>
/// </summary>
public sealed class DiskSpool : IDisposable
{
    private const int HeaderBytes = 8;
    private const string Extension = ".spool";
    private readonly object gate = new();
    private readonly string directory;
    private readonly long maxBytes;
    private readonly long segmentBytes;
    // Segments in order, with their (unconsumed) record counts; the last one is the append target.
    private readonly LinkedList<Segment> segments = new();
    private FileStream? appendStream;
    private long readOffset;
    private long pendingBytes;
    private long pendingRecords;

    public DiskSpool(string directory, long maxBytes, long segmentBytes = 8 * 1024 * 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        Directory.CreateDirectory(directory);
        foreach (var path in Directory.GetFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            if (!long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) continue;
            var (records, validLength) = Scan(path);
            if (validLength < new FileInfo(path).Length) TruncatedBytesOnOpen += Truncate(path, validLength);
            if (records == 0)
            {
                File.Delete(path);
                continue;
            }
            segments.AddLast(new Segment(number, path) { Records = records, Length = validLength });
            pendingRecords += records;
            pendingBytes += validLength;
        }
    }

    /// <summary>Bytes of a torn tail cut off when the spool was opened (lost only if a crash hit mid-append).</summary>
    public long TruncatedBytesOnOpen { get; }

    /// <summary>Bytes waiting to be replayed (framing included).</summary>
    public long PendingBytes
    {
        get { lock (gate) return pendingBytes; }
    }

    public long PendingRecords
    {
        get { lock (gate) return pendingRecords; }
    }

    public bool HasPending => PendingRecords > 0;

    /// <summary>Appends a record durably (fsync). Throws <see cref="StoreUnavailableException"/> when the spool is full.</summary>
    public void Append(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty) throw new ArgumentException("An empty record cannot be spooled.", nameof(payload));
        lock (gate)
        {
            var size = HeaderBytes + payload.Length;
            if (pendingBytes + size > maxBytes)
                throw new StoreUnavailableException($"The InfluxDB spool in '{directory}' is full ({pendingBytes} of {maxBytes} bytes); not accepting more points until InfluxDB is back.");
            var target = segments.Last?.Value;
            if (appendStream is null || target is null || target.Length >= segmentBytes || target.Sealed)
            {
                appendStream?.Dispose();
                var number = (segments.Last?.Value.Number ?? LastNumberOnDisk()) + 1;
                target = new Segment(number, Path.Combine(directory, number.ToString("D12", CultureInfo.InvariantCulture) + Extension)) { Sealed = false };
                segments.AddLast(target);
                appendStream = new FileStream(target.Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            }
            Span<byte> header = stackalloc byte[HeaderBytes];
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.Compute(payload));
            appendStream.Write(header);
            appendStream.Write(payload);
            appendStream.Flush(flushToDisk: true);
            target.Length += size;
            target.Records++;
            pendingBytes += size;
            pendingRecords++;
        }
    }

    /// <summary>The oldest record not yet acknowledged, or null when the spool is empty.</summary>
    public SpoolRecord? Peek()
    {
        lock (gate)
        {
            var first = segments.First?.Value;
            if (first is null || first.Records == 0) return null;
            using var stream = new FileStream(first.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = readOffset;
            var payload = ReadRecord(stream) ?? throw new InvalidDataException($"Spool segment '{first.Path}' is corrupt at offset {readOffset}.");
            return new SpoolRecord(first.Number, readOffset, payload);
        }
    }

    /// <summary>Marks the record from <see cref="Peek"/> as delivered; a fully delivered segment file is deleted.</summary>
    public void Acknowledge(SpoolRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            var first = segments.First?.Value;
            if (first is null || first.Number != record.Segment || readOffset != record.Offset)
                throw new InvalidOperationException("Only the record returned by Peek can be acknowledged.");
            var size = HeaderBytes + record.Payload.Length;
            readOffset += size;
            first.Records--;
            pendingRecords--;
            pendingBytes -= size;
            if (first.Records > 0) return;
            if (segments.Count == 1)
            {
                // The append target is drained: close it so the next append starts a fresh segment.
                appendStream?.Dispose();
                appendStream = null;
            }
            segments.RemoveFirst();
            File.Delete(first.Path);
            readOffset = 0;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            appendStream?.Dispose();
            appendStream = null;
            // Segments opened from disk are appended to only through a new file.
            foreach (var s in segments) s.Sealed = true;
        }
    }

    /// <summary>Counts the valid records of a file and the length they span.</summary>
    private static (long Records, long ValidLength) Scan(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long records = 0;
        long valid = 0;
        while (ReadRecord(stream) is not null)
        {
            records++;
            valid = stream.Position;
        }
        return (records, valid);
    }

    /// <summary>Reads one record, or null at the end or at a torn/corrupt record.</summary>
    private static byte[]? ReadRecord(FileStream stream)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes) return null;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length == 0 || length > stream.Length - stream.Position) return null;
        var payload = new byte[length];
        stream.ReadExactly(payload);
        return Crc32.Compute(payload) == crc ? payload : null;
    }

    private static long Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        var cut = stream.Length - length;
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
        return cut;
    }

    private long LastNumberOnDisk() =>
        Directory.GetFiles(directory, "*" + Extension)
            .Select(p => long.TryParse(Path.GetFileNameWithoutExtension(p), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();

    private sealed class Segment(long number, string path)
    {
        public long Number { get; } = number;
        public string Path { get; } = path;
        public long Records { get; set; }
        public long Length { get; set; }
        public bool Sealed { get; set; } = true;
    }
}
