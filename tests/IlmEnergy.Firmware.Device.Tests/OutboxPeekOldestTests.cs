using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

/// <summary><see cref="Outbox.PeekOldest"/>: the records the device loop keeps in flight, read without removing.</summary>
public class OutboxPeekOldestTests
{
    private static byte[] Message(long seq, int size = 300) => Enumerable.Repeat((byte)(seq % 251), size).ToArray();

    [Fact]
    public void ReturnsTheOldestRecordsInOrderAcrossSegments()
    {
        MemoryFileStore files = new();
        OutboxOptions options = new() { SegmentBytes = 4096 + 16, MaxTotalBytes = 8 * (4096 + 16) };
        Outbox outbox = new(files, options);
        for (long seq = 1; seq <= 30; seq++)
        {
            outbox.Append(seq, Message(seq));
        }

        Assert.True(outbox.SegmentCount > 2);
        Assert.Equal([1L, 2, 3, 4], outbox.PeekOldest(4).Select(r => r.Seq));
        Assert.Equal(Message(3), outbox.PeekOldest(4)[2].Message);
        for (long seq = 1; seq <= 11; seq++)
        {
            Assert.True(outbox.RemoveOldest(seq));
        }

        // Now the head sits near the end of a segment: the window spans into the next one.
        Assert.Equal([12L, 13, 14, 15, 16, 17], outbox.PeekOldest(6).Select(r => r.Seq));
        Assert.Equal(19, outbox.Count); // nothing removed by peeking
        Assert.Equal(19, outbox.PeekOldest(100).Length);
        Assert.Empty(outbox.PeekOldest(0));
        Assert.Empty(new Outbox(new MemoryFileStore(), new OutboxOptions()).PeekOldest(4));
    }

    [Fact]
    public void StopsAtACorruptRecordWithoutThrowing()
    {
        MemoryFileStore files = new();
        Outbox outbox = new(files, new OutboxOptions());
        for (long seq = 1; seq <= 5; seq++)
        {
            outbox.Append(seq, Message(seq));
        }

        string segment = files.Names.Single(n => n.StartsWith("obseg", StringComparison.Ordinal));
        files.FlipBit(segment, 3 * (300 + 16) + 20); // inside record 4's message
        Assert.Equal([1L, 2, 3], outbox.PeekOldest(4).Select(r => r.Seq));
    }
}
