using System.Text;

namespace IlmEnergy.Firmware.Device.Tests;

public class Crc32Tests
{
    [Fact]
    public void StandardCheckValue()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void KnownVectorsAndEmptyInput()
    {
        byte[] fox = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Equal(0x414FA339u, Crc32.Compute(fox, 0, fox.Length));
        Assert.Equal(0u, Crc32.Compute([], 0, 0));
    }

    [Fact]
    public void RunningCrcOverSplitRangesEqualsWholeRange()
    {
        byte[] data = Encoding.ASCII.GetBytes("xx123456789yy");
        uint running = Crc32.Update(Crc32.Start(), data, 2, 4);
        running = Crc32.Update(running, data, 6, 5);
        Assert.Equal(0xCBF43926u, Crc32.Finish(running));
    }
}
