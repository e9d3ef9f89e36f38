using IlmEnergy.Firmware.Protocol.Cbor;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>The strict reader refuses everything that is not deterministic, well-formed and bounded.</summary>
public class CborReaderTests
{
    private static void SkipAll(string hex, int maxDepth = CborReader.DefaultMaxDepth)
    {
        byte[] data = Hex.Bytes(hex);
        var reader = new CborReader(data, 0, data.Length, maxDepth);
        reader.SkipValue();
        reader.ExpectEnd();
    }

    [Theory]
    [InlineData("a201020304")]
    [InlineData("d2840102a1044301020340")]
    [InlineData("8301820203820405")]
    [InlineData("a317f51818f56161f5")]
    [InlineData("3bffffffffffffffff")]
    [InlineData("1bffffffffffffffff")]
    [InlineData("64f0908591")]
    public void AcceptsDeterministicItems(string hex) => SkipAll(hex);

    [Theory]
    [InlineData("1817", "non-shortest uint (23 in one extra byte)")]
    [InlineData("190017", "non-shortest 2-byte")]
    [InlineData("1a0000ffff", "non-shortest 4-byte")]
    [InlineData("1b00000000ffffffff", "non-shortest 8-byte")]
    [InlineData("3817", "non-shortest negative")]
    [InlineData("5801ff", "non-shortest byte string length")]
    [InlineData("9f01ff", "indefinite array")]
    [InlineData("5f4101ff", "indefinite byte string")]
    [InlineData("bf0102ff", "indefinite map")]
    [InlineData("1c", "reserved additional information")]
    [InlineData("a202010102", "map keys out of order")]
    [InlineData("a201010102", "duplicate map key")]
    [InlineData("a2616201616101", "text keys out of order")]
    [InlineData("0102", "trailing byte")]
    [InlineData("83010203ff", "trailing break")]
    [InlineData("8301", "truncated array")]
    [InlineData("4401020304ff", "trailing after byte string")]
    [InlineData("44010203", "byte string shorter than its length")]
    [InlineData("5affffffff00", "length far beyond the input")]
    [InlineData("9bffffffffffffffff", "array count beyond the input")]
    [InlineData("62c328", "invalid UTF-8")]
    [InlineData("62c0af", "overlong UTF-8")]
    [InlineData("63eda080", "UTF-8 surrogate")]
    [InlineData("f93c00", "half float")]
    [InlineData("fb3ff199999999999a", "double")]
    [InlineData("f7", "undefined")]
    [InlineData("", "empty input")]
    public void RejectsNonDeterministicOrMalformed(string hex, string why)
    {
        var e = Assert.Throws<CborException>(() => SkipAll(hex));
        Assert.False(string.IsNullOrEmpty(e.Message), why);
    }

    [Fact]
    public void EnforcesDepthLimit()
    {
        SkipAll("818181818101", maxDepth: 5);
        Assert.Throws<CborException>(() => SkipAll("81818181818101", maxDepth: 5));
    }

    [Fact]
    public void ContainersCloseAfterTheirCount()
    {
        byte[] data = Hex.Bytes("820102");
        var reader = new CborReader(data);
        Assert.Equal(2, reader.ReadStartArray());
        Assert.Equal(1UL, reader.ReadUInt64());
        Assert.Equal(2UL, reader.ReadUInt64());
        reader.ExpectEnd();

        reader = new CborReader(data);
        reader.ReadStartArray();
        reader.ReadUInt64();
        Assert.Throws<CborException>(() => reader.ExpectEnd()); // one item still unread
    }

    [Fact]
    public void TypedReadsCheckRanges()
    {
        Assert.Throws<CborException>(() => new CborReader(Hex.Bytes("1b8000000000000000")).ReadInt64());
        Assert.Throws<CborException>(() => new CborReader(Hex.Bytes("1b0000000100000000")).ReadUInt32());
        Assert.Throws<CborException>(() => new CborReader(Hex.Bytes("1a80000000")).ReadInt32());
        Assert.Throws<CborException>(() => new CborReader(Hex.Bytes("6161")).ReadByteString());
        Assert.Equal(long.MinValue, new CborReader(Hex.Bytes("3b7fffffffffffffff")).ReadInt64());
        Assert.Equal(-1000, new CborReader(Hex.Bytes("3903e7")).ReadInt32());
    }
}
