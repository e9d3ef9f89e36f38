using System.Text;
using IlmEnergy.Storage;
using IlmEnergy.Storage.Influx;

namespace IlmEnergy.Storage.Tests;

public class DiskSpoolTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Records_come_back_in_append_order_and_acknowledged_ones_are_gone()
    {
        using var dir = new TempDirectory();
        using var spool = new DiskSpool(dir.Path, 1 << 20, segmentBytes: 64);
        for (var i = 0; i < 10; i++) spool.Append(Encoding.UTF8.GetBytes($"record {i}\n"));
        Assert.Equal(10, spool.PendingRecords);
        Assert.Equal(10 * (8 + 9), spool.PendingBytes);
        Assert.True(Directory.GetFiles(dir.Path, "*.spool").Length > 1, "small segments should rotate");

        for (var i = 0; i < 10; i++)
        {
            var record = spool.Peek()!;
            Assert.Equal($"record {i}\n", Encoding.UTF8.GetString(record.Payload));
            spool.Acknowledge(record);
        }
        Assert.Null(spool.Peek());
        Assert.Equal(0, spool.PendingBytes);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.spool"));

        spool.Append("after drain\n"u8);
        Assert.Equal("after drain\n", Encoding.UTF8.GetString(spool.Peek()!.Payload));
    }

    [Fact]
    public void Unacknowledged_records_survive_a_reopen()
    {
        using var dir = new TempDirectory();
        using (var spool = new DiskSpool(dir.Path, 1 << 20, segmentBytes: 40))
        {
            foreach (var text in new[] { "a\n", "b\n", "c\n", "d\n", "e\n" }) spool.Append(Encoding.UTF8.GetBytes(text));
            spool.Acknowledge(spool.Peek()!);
        }
        using var reopened = new DiskSpool(dir.Path, 1 << 20, segmentBytes: 40);
        reopened.Append("f\n"u8);
        var seen = new List<string>();
        while (reopened.Peek() is { } record)
        {
            seen.Add(Encoding.UTF8.GetString(record.Payload));
            reopened.Acknowledge(record);
        }
        // "a" may come again (progress within a segment is not persisted; replays are idempotent), never out of order.
        Assert.Equal(["b\n", "c\n", "d\n", "e\n", "f\n"], seen.SkipWhile(s => s == "a\n"));
    }

    [Fact]
    public void A_torn_tail_is_cut_off_on_open_and_earlier_records_survive()
    {
        using var dir = new TempDirectory();
        using (var spool = new DiskSpool(dir.Path, 1 << 20))
        {
            spool.Append("first\n"u8);
            spool.Append("second\n"u8);
        }
        var file = Directory.GetFiles(dir.Path, "*.spool").Single();
        var length = new FileInfo(file).Length;
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(length - 3);   // crash mid-append

        using var reopened = new DiskSpool(dir.Path, 1 << 20);
        Assert.Equal(1, reopened.PendingRecords);
        Assert.Equal(8 + 7 - 3, reopened.TruncatedBytesOnOpen);
        Assert.Equal("first\n", Encoding.UTF8.GetString(reopened.Peek()!.Payload));
    }

    [Fact]
    public void A_corrupted_payload_fails_its_crc_and_is_not_replayed()
    {
        using var dir = new TempDirectory();
        using (var spool = new DiskSpool(dir.Path, 1 << 20))
        {
            spool.Append("good\n"u8);
            spool.Append("evil\n"u8);
        }
        var file = Directory.GetFiles(dir.Path, "*.spool").Single();
        var bytes = File.ReadAllBytes(file);
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        using var reopened = new DiskSpool(dir.Path, 1 << 20);
        Assert.Equal(1, reopened.PendingRecords);
        Assert.Equal("good\n", Encoding.UTF8.GetString(reopened.Peek()!.Payload));
    }

    [Fact]
    public void A_full_spool_refuses_with_a_clear_error()
    {
        using var dir = new TempDirectory();
        using var spool = new DiskSpool(dir.Path, maxBytes: 100);
        spool.Append(new byte[80]);
        var error = Assert.Throws<StoreUnavailableException>(() => spool.Append(new byte[20]));
        Assert.Contains("full", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, spool.PendingRecords);
    }

    [Fact]
    public void Only_the_peeked_record_can_be_acknowledged()
    {
        using var dir = new TempDirectory();
        using var spool = new DiskSpool(dir.Path, 1 << 20);
        spool.Append("x\n"u8);
        Assert.Throws<InvalidOperationException>(() => spool.Acknowledge(new SpoolRecord(99, 0, "x\n"u8.ToArray())));
    }
}
