using IlmEnergy.Ingester.Mqtt;

namespace IlmEnergy.Ingester.Tests;

public sealed class ReadAheadStreamTests
{
    /// <summary>A stream over fixed bytes that counts reads and keeps what is written, like a socket with a backlog.</summary>
    private sealed class CountingStream(byte[] incoming) : Stream
    {
        private readonly MemoryStream source = new(incoming, writable: false);

        public int Reads { get; private set; }
        public MemoryStream Written { get; } = new();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return source.Read(buffer, offset, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return ValueTask.FromResult(source.Read(buffer.Span));
        }

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + 3)).ToArray();

    [Fact]
    public async Task Small_reads_of_a_backlog_are_served_from_few_large_reads_with_every_byte_in_order()
    {
        // 200 MQTT-sized packets read the way MQTTnet does: 2-byte header, 1 more length byte, then the body.
        var data = Bytes(200 * 400);
        var inner = new CountingStream(data);
        var stream = new ReadAheadStream(inner, 16 * 1024);
        var received = new List<byte>();
        var piece = new byte[397];
        foreach (var size in Enumerable.Repeat(new[] { 2, 1, 397 }, 200).SelectMany(x => x))
        {
            // Like any stream, a read may return less than asked (here at the end of a buffer load).
            for (var got = 0; got < size;)
            {
                var read = await stream.ReadAsync(piece.AsMemory(got, size - got));
                Assert.True(read > 0);
                got += read;
            }
            received.AddRange(piece.AsSpan(0, size).ToArray());
        }
        Assert.Equal(data, received);
        Assert.Equal(0, await stream.ReadAsync(piece));                    // end of stream
        Assert.InRange(inner.Reads, 5, 7);                                 // 80,000 bytes / 16 KiB, plus the end
    }

    [Fact]
    public async Task A_read_larger_than_the_buffer_goes_straight_to_the_inner_stream()
    {
        var data = Bytes(10_000);
        var inner = new CountingStream(data);
        var stream = new ReadAheadStream(inner, 1024);
        var first = new byte[3];
        Assert.Equal(3, await stream.ReadAsync(first));
        Assert.Equal(1021, stream.Buffered);
        var rest = new byte[9_000];
        // Buffered bytes come first, then (on the next call) a direct read into the caller's memory.
        Assert.Equal(1021, await stream.ReadAsync(rest));
        Assert.Equal(7_979, await stream.ReadAsync(rest.AsMemory(1021)));
        Assert.Equal(data[..9_003], first.Concat(rest));
        Assert.Equal(2, inner.Reads);
        Assert.Equal(0, stream.Buffered);
    }

    [Fact]
    public void Synchronous_reads_see_the_same_bytes()
    {
        var data = Bytes(5_000);
        var stream = new ReadAheadStream(new CountingStream(data), 512);
        var output = new MemoryStream();
        stream.CopyTo(output, 100);
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public async Task Writes_reach_the_inner_stream_at_once()
    {
        var inner = new CountingStream([]);
        var stream = new ReadAheadStream(inner, 1024);
        await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 0x01 }); // a PUBACK must not wait in a buffer
        Assert.Equal(new byte[] { 0x40, 0x02, 0x00, 0x01 }, inner.Written.ToArray());
        stream.Write([0xC0, 0x00]);
        Assert.Equal(6, inner.Written.Length);
    }

    [Fact]
    public void The_buffer_must_have_a_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadAheadStream(new MemoryStream(), 0));
    }
}
