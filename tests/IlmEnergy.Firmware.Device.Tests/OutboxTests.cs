using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

public class OutboxTests
{
    private static byte[] Message(long seq, int length = 100)
    {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++)
        {
            m[i] = (byte)(seq * 31 + i);
        }

        return m;
    }

    private static OutboxOptions Small() => new() { SegmentBytes = 1024, MaxTotalBytes = 4096, MaxRecordBytes = 512 };

    /// <summary>Takes every waiting record in order, acknowledging each, and returns their seqs.</summary>
    private static List<long> Drain(Outbox outbox)
    {
        List<long> seqs = [];
        while (outbox.Peek() is OutboxRecord record)
        {
            Assert.Equal(Message(record.Seq, record.Message.Length), record.Message);
            seqs.Add(record.Seq);
            Assert.True(outbox.RemoveOldest(record.Seq));
        }

        return seqs;
    }

    [Fact]
    public void RecordsComeBackInAppendOrderAndLeaveOnlyOnTheirOwnAck()
    {
        Outbox outbox = new(new MemoryFileStore(), Small());
        for (long seq = 10; seq < 40; seq++)
        {
            outbox.Append(seq, Message(seq));
        }

        Assert.Equal(30, outbox.Count);
        Assert.False(outbox.RemoveOldest(11)); // a PUBACK for anything but the oldest removes nothing
        Assert.Equal(10, outbox.Peek()!.Seq);
        Assert.Equal(Enumerable.Range(10, 30).Select(i => (long)i), Drain(outbox));
        Assert.Equal(0, outbox.Count);
        Assert.Null(outbox.Peek());
        Assert.Equal(1, outbox.SegmentCount); // consumed segments were deleted; the active one stays
    }

    [Fact]
    public void DisconnectsNeverReorderOrLoseRecords()
    {
        MemoryFileStore files = new();
        OutboxOptions roomy = new() { SegmentBytes = 1024, MaxTotalBytes = 64 * 1024, MaxRecordBytes = 512 };
        Outbox outbox = new(files, roomy);
        Random random = new(3);
        List<long> delivered = [];
        long nextSeq = 0;

        for (int minute = 0; minute < 2000; minute++)
        {
            outbox.Append(nextSeq, Message(nextSeq));
            nextSeq++;

            bool connected = random.Next(4) != 0;
            while (connected && outbox.Peek() is OutboxRecord record)
            {
                if (random.Next(10) == 0)
                {
                    connected = false; // publish sent, PUBACK lost: it must be sent again later
                    break;
                }

                delivered.Add(record.Seq);
                outbox.RemoveOldest(record.Seq);
            }

            if (minute % 97 == 0)
            {
                outbox = new Outbox(files, roomy); // reboot
            }
        }

        delivered.AddRange(Drain(outbox));
        Assert.Equal(Enumerable.Range(0, (int)nextSeq).Select(i => (long)i), delivered);
        Assert.Equal(0u, outbox.DroppedPending);
    }

    [Fact]
    public void AcknowledgedRecordsAreNotResentAfterAReboot()
    {
        MemoryFileStore files = new();
        Outbox outbox = new(files, Small());
        for (long seq = 0; seq < 20; seq++)
        {
            outbox.Append(seq, Message(seq));
        }

        for (long seq = 0; seq < 13; seq++)
        {
            outbox.RemoveOldest(seq);
        }

        Outbox reopened = new(files, Small());
        Assert.Equal(7, reopened.Count);
        Assert.Equal(Enumerable.Range(13, 7).Select(i => (long)i), Drain(reopened));
    }

    [Fact]
    public void WhenFullTheOldestSegmentIsDroppedAndCountedExactly()
    {
        // 100-byte messages take 116 bytes: 8 per 1 KB segment, 35 fit in 4 KB.
        MemoryFileStore files = new();
        Outbox outbox = new(files, Small());
        for (long seq = 0; seq < 35; seq++)
        {
            outbox.Append(seq, Message(seq));
        }

        Assert.Equal(0u, outbox.DroppedPending);
        outbox.Append(35, Message(35)); // needs room: segment 1 (seq 0..7) goes
        Assert.Equal(8u, outbox.DroppedPending);
        Assert.Equal(8, outbox.Peek()!.Seq);

        for (long seq = 36; seq < 44; seq++)
        {
            outbox.Append(seq, Message(seq)); // seq 43 needs room again: 8..15 go
        }

        Assert.Equal(16u, outbox.DroppedPending);
        Assert.True(outbox.TotalBytes <= 4096);

        Outbox reopened = new(files, Small()); // the count survives a reboot
        Assert.Equal(16u, reopened.DroppedPending);
        reopened.ClearDropped(16);
        Assert.Equal(0u, new Outbox(files, Small()).DroppedPending);
        Assert.Equal(Enumerable.Range(16, 28).Select(i => (long)i), Drain(new Outbox(files, Small())));
    }

    [Fact]
    public void DroppingCountsOnlyTheUnacknowledgedPartOfTheHeadSegment()
    {
        Outbox outbox = new(new MemoryFileStore(), Small());
        for (long seq = 0; seq < 35; seq++)
        {
            outbox.Append(seq, Message(seq));
        }

        for (long seq = 0; seq < 5; seq++)
        {
            outbox.RemoveOldest(seq);
        }

        outbox.Append(35, Message(35));
        Assert.Equal(3u, outbox.DroppedPending); // seq 5, 6, 7 were never acknowledged
        Assert.Equal(8, outbox.Peek()!.Seq);
    }

    [Fact]
    public void DefaultCapacityIs447TypicalBatchesBeforeTheFirstDrop()
    {
        Outbox outbox = new(new MemoryFileStore(), new OutboxOptions());
        int appended = 0;
        while (outbox.DroppedPending == 0)
        {
            outbox.Append(appended, Message(appended, 350));
            appended++;
        }

        Assert.Equal(448, appended); // the 448th append dropped the oldest segment
        Assert.Equal(44u, outbox.DroppedPending); // 44 records of 366 bytes per 16 KB segment
        Assert.True(outbox.TotalBytes <= 160 * 1024);
    }

    /// <summary>
    /// Power dies at every byte of an append (into an open segment, and one that starts a new segment):
    /// after the reboot every earlier unacknowledged record is there, in order, intact; the torn one is
    /// either absent or, if all its bytes landed, complete; and the outbox keeps working.
    /// </summary>
    [Theory]
    [InlineData(5)] // the torn record goes into the open segment
    [InlineData(8)] // the torn record would start segment 2
    public void TornAppendAtEveryByteOffsetNeverYieldsACorruptRecordNorLosesEarlierOnes(int before)
    {
        MemoryFileStore baseline = new();
        Outbox writer = new(baseline, Small());
        for (long seq = 0; seq < before; seq++)
        {
            writer.Append(seq, Message(seq));
        }

        writer.RemoveOldest(0);
        writer.RemoveOldest(1);
        int recordBytes = 100 + OutboxOptions.RecordOverhead;

        for (int cut = 0; cut <= recordBytes; cut++)
        {
            MemoryFileStore files = baseline.Clone();
            Outbox outbox = new(files, Small());
            files.FailAfterBytes(cut);
            if (cut < recordBytes)
            {
                Assert.Throws<PowerLossException>(() => outbox.Append(before, Message(before)));
            }
            else
            {
                outbox.Append(before, Message(before));
            }

            files.Reboot();
            Outbox reopened = new(files, Small());
            List<long> expected = [.. Enumerable.Range(2, before - 2).Select(i => (long)i)];
            if (cut == recordBytes)
            {
                expected.Add(before);
            }

            reopened.Append(100, Message(100));
            reopened.Append(101, Message(101));
            expected.AddRange([100, 101]);
            Assert.Equal(expected, Drain(new Outbox(files, Small())));
        }
    }

    [Fact]
    public void TornHeadPointerWriteAtEveryOffsetResendsAtMostTheAcknowledgedRecord()
    {
        MemoryFileStore baseline = new();
        Outbox writer = new(baseline, Small());
        for (long seq = 0; seq < 6; seq++)
        {
            writer.Append(seq, Message(seq));
        }

        writer.RemoveOldest(0);
        for (int cut = 0; cut < 12 + DurableRecord.Overhead; cut++)
        {
            MemoryFileStore files = baseline.Clone();
            Outbox outbox = new(files, Small());
            files.FailAfterBytes(cut);
            Assert.Throws<PowerLossException>(() => outbox.RemoveOldest(1));
            files.Reboot();

            Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, Drain(new Outbox(files, Small())));
        }
    }

    [Fact]
    public void ACorruptedRecordIsNeverReturned()
    {
        MemoryFileStore baseline = new();
        Outbox writer = new(baseline, Small());
        for (long seq = 0; seq < 4; seq++)
        {
            writer.Append(seq, Message(seq));
        }

        string segment = baseline.Names.Single(n => n.StartsWith("obseg", StringComparison.Ordinal));
        int length = baseline.Raw(segment).Length;
        for (int i = 0; i < length; i++)
        {
            MemoryFileStore files = baseline.Clone();
            files.FlipBit(segment, i);
            List<long> seqs = Drain(new Outbox(files, Small())); // Drain checks every message's bytes
            int damaged = i / 116;
            Assert.Equal(Enumerable.Range(0, damaged).Select(s => (long)s), seqs);
        }
    }

    [Fact]
    public void AfterATornTailNewRecordsGoToAFreshSegmentAndOrderHolds()
    {
        MemoryFileStore files = new();
        Outbox outbox = new(files, Small());
        outbox.Append(0, Message(0));
        files.FailAfterBytes(50);
        Assert.Throws<PowerLossException>(() => outbox.Append(1, Message(1)));
        files.Reboot();

        Outbox reopened = new(files, Small());
        Assert.Equal(1, reopened.Count);
        reopened.Append(2, Message(2));
        Assert.Equal(2, reopened.SegmentCount);
        reopened.Append(3, Message(3));
        Assert.Equal(new long[] { 0, 2, 3 }, Drain(new Outbox(files, Small())));
    }

    [Fact]
    public void BadMessagesAndBadOptionsAreRefusedWithClearErrors()
    {
        Outbox outbox = new(new MemoryFileStore(), new OutboxOptions());
        Assert.Throws<ArgumentException>(() => outbox.Append(1, new byte[4097]));
        Assert.Throws<ArgumentException>(() => outbox.Append(1, []));
        Assert.Throws<ArgumentException>(() => outbox.Append(1, null!));
        outbox.Append(1, new byte[4096]);
        Assert.Equal(4096, outbox.Peek()!.Message.Length);

        Assert.Throws<ArgumentException>(() => new Outbox(new MemoryFileStore(), new OutboxOptions { MaxTotalBytes = 20_000 }));
        Assert.Throws<ArgumentException>(() => new Outbox(new MemoryFileStore(), new OutboxOptions { SegmentBytes = 4000 }));
    }

    [Fact]
    public void AFailedAppendWithoutARebootSealsTheSegmentAndLaterRecordsStayReadable()
    {
        MemoryFileStore files = new();
        Outbox outbox = new(files, Small());
        outbox.Append(0, Message(0));
        files.FailNextWrite();
        Assert.Throws<IOException>(() => outbox.Append(1, Message(1)));
        outbox.Append(2, Message(2));

        Assert.Equal(new long[] { 0, 2 }, Drain(new Outbox(files, Small())));
    }
}
