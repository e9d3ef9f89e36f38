namespace IlmEnergy.Ingester.Mqtt;

/// <summary>
/// A read-ahead buffer in front of a socket stream; writes pass straight through.
/// <para>
/// MQTTnet reads every packet in pieces (the fixed header, each further byte of the remaining length,
/// then the body), and each piece is a receive system call on a bare network stream: three or four per
/// PUBLISH. Under a backlog the socket holds many packets, so one large read here serves dozens of
/// them. Writes are not buffered because MQTTnet never flushes: a buffered PUBACK would sit there.
/// </para>
/// </summary>
public sealed class ReadAheadStream(Stream inner, int bufferSize) : Stream
{
    private readonly byte[] buffer = new byte[bufferSize > 0 ? bufferSize : throw new ArgumentOutOfRangeException(nameof(bufferSize))];
    private int start;
    private int end;

    /// <summary>Bytes already read from the inner stream and not yet handed out.</summary>
    public int Buffered => end - start;

    public override bool CanRead => true;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        if (Buffered == 0)
        {
            // A request at least as large as the buffer gains nothing from copying through it.
            if (destination.Length >= buffer.Length) return inner.Read(destination);
            start = 0;
            end = inner.Read(buffer, 0, buffer.Length);
            if (end == 0) return 0;
        }
        return CopyOut(destination);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) return ValueTask.FromResult(0);
        if (Buffered > 0) return ValueTask.FromResult(CopyOut(destination.Span));
        if (destination.Length >= buffer.Length) return inner.ReadAsync(destination, cancellationToken);
        return FillAndCopyAsync(destination, cancellationToken);
    }

    private async ValueTask<int> FillAndCopyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        start = 0;
        end = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return end == 0 ? 0 : CopyOut(destination.Span);
    }

    private int CopyOut(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, Buffered);
        buffer.AsSpan(start, count).CopyTo(destination);
        start += count;
        return count;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> source) => inner.Write(source);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(source, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
