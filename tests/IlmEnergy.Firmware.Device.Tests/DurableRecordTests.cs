using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

public class DurableRecordTests
{
    private static byte[] Value(int n) => [.. Enumerable.Range(0, 20 + n).Select(i => (byte)(i * 7 + n))];

    [Fact]
    public void SaveThenLoadInANewInstanceReturnsTheNewestValue()
    {
        MemoryFileStore files = new();
        DurableRecord record = new(files, "r");
        record.Save(Value(1));
        record.Save(Value(2));
        record.Save(Value(3));

        DurableRecord reopened = new(files, "r");
        Assert.Equal(Value(3), reopened.Load());
        Assert.Equal(3u, reopened.Generation);
        Assert.True(files.Exists("r.a") && files.Exists("r.b"));
    }

    [Fact]
    public void NothingStoredLoadsAsNull()
    {
        Assert.Null(new DurableRecord(new MemoryFileStore(), "r").Load());
    }

    [Theory]
    [InlineData(1)] // only one good slot exists before the torn write
    [InlineData(2)] // both slots hold good generations
    [InlineData(5)]
    public void TornWriteAtEveryByteOffsetStillLoadsThePreviousValue(int previousSaves)
    {
        MemoryFileStore baseline = new();
        DurableRecord writer = new(baseline, "r");
        for (int i = 1; i <= previousSaves; i++)
        {
            writer.Save(Value(i));
        }

        byte[] next = Value(99);
        int slotBytes = next.Length + DurableRecord.Overhead;
        for (int cut = 0; cut < slotBytes; cut++)
        {
            MemoryFileStore files = baseline.Clone();
            DurableRecord record = new(files, "r");
            record.Load();
            files.FailAfterBytes(cut);
            Assert.Throws<PowerLossException>(() => record.Save(next));
            files.Reboot();

            Assert.Equal(Value(previousSaves), new DurableRecord(files, "r").Load());
        }

        MemoryFileStore complete = baseline.Clone();
        complete.FailAfterBytes(slotBytes);
        new DurableRecord(complete, "r").Save(next);
        complete.Reboot();
        Assert.Equal(next, new DurableRecord(complete, "r").Load());
    }

    [Fact]
    public void AfterATornWriteTheNextSaveSucceedsAndTheGoodCopyIsNeverOverwritten()
    {
        MemoryFileStore files = new();
        new DurableRecord(files, "r").Save(Value(1));
        for (int round = 2; round < 12; round++)
        {
            DurableRecord record = new(files, "r");
            Assert.Equal(Value(round - 1), record.Load());
            files.FailAfterBytes(round);
            Assert.Throws<PowerLossException>(() => record.Save(Value(100 + round)));
            files.Reboot();

            record = new DurableRecord(files, "r");
            Assert.Equal(Value(round - 1), record.Load());
            record.Save(Value(round));
        }

        Assert.Equal(Value(11), new DurableRecord(files, "r").Load());
    }

    [Fact]
    public void ABitFlipAnywhereInTheNewestSlotFallsBackToTheOlderSlot()
    {
        MemoryFileStore baseline = new();
        DurableRecord writer = new(baseline, "r");
        writer.Save(Value(1)); // slot a
        writer.Save(Value(2)); // slot b, newest
        int length = baseline.Raw("r.b").Length;
        for (int i = 0; i < length; i++)
        {
            MemoryFileStore files = baseline.Clone();
            files.FlipBit("r.b", i);
            Assert.Equal(Value(1), new DurableRecord(files, "r").Load());
        }
    }

    [Fact]
    public void BothSlotsCorruptMeansNoStateNotGarbage()
    {
        MemoryFileStore files = new();
        DurableRecord writer = new(files, "r");
        writer.Save(Value(1));
        writer.Save(Value(2));
        files.FlipBit("r.a", 20);
        files.FlipBit("r.b", 5);

        DurableRecord record = new(files, "r");
        Assert.Null(record.Load());
        Assert.Equal(0u, record.Generation);
    }

    [Fact]
    public void RandomJunkInBothSlotsIsIgnored()
    {
        Random random = new(7);
        for (int trial = 0; trial < 200; trial++)
        {
            MemoryFileStore files = new();
            byte[] a = new byte[random.Next(0, 80)];
            byte[] b = new byte[random.Next(0, 80)];
            random.NextBytes(a);
            random.NextBytes(b);
            files.Put("r.a", a);
            files.Put("r.b", b);
            Assert.Null(new DurableRecord(files, "r").Load());
        }
    }

    [Fact]
    public void SavingAfterCorruptionStartsANewValidHistory()
    {
        MemoryFileStore files = new();
        files.Put("r.a", [1, 2, 3]);
        DurableRecord record = new(files, "r");
        Assert.Null(record.Load());
        record.Save(Value(4));
        Assert.Equal(Value(4), new DurableRecord(files, "r").Load());
    }
}
