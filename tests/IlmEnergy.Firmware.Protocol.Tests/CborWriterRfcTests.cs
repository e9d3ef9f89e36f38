using IlmEnergy.Firmware.Protocol.Cbor;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>The writer against RFC 8949 Appendix A (integers, byte/text strings, arrays, maps, bools, tags).</summary>
public class CborWriterRfcTests
{
    private static string Encode(Action<CborWriter> write)
    {
        var writer = new CborWriter();
        write(writer);
        return Hex.Of(writer.ToArray());
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(10UL, "0a")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(25UL, "1819")]
    [InlineData(100UL, "1864")]
    [InlineData(1000UL, "1903e8")]
    [InlineData(1000000UL, "1a000f4240")]
    [InlineData(1000000000000UL, "1b000000e8d4a51000")]
    [InlineData(18446744073709551615UL, "1bffffffffffffffff")]
    public void UnsignedIntegers(ulong value, string expected) =>
        Assert.Equal(expected, Encode(w => w.WriteUInt64(value)));

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-10L, "29")]
    [InlineData(-100L, "3863")]
    [InlineData(-1000L, "3903e7")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    [InlineData(long.MaxValue, "1b7fffffffffffffff")]
    public void SignedIntegers(long value, string expected) =>
        Assert.Equal(expected, Encode(w => w.WriteInt64(value)));

    [Fact]
    public void MostNegativeCborInteger() =>
        Assert.Equal("3bffffffffffffffff", Encode(w => w.WriteNegativeRaw(ulong.MaxValue))); // -18446744073709551616

    [Theory]
    [InlineData("", "40")]
    [InlineData("01020304", "4401020304")]
    public void ByteStrings(string content, string expected) =>
        Assert.Equal(expected, Encode(w => w.WriteByteString(Hex.Bytes(content))));

    [Theory]
    [InlineData("", "60")]
    [InlineData("a", "6161")]
    [InlineData("IETF", "6449455446")]
    [InlineData("\"\\", "62225c")]
    [InlineData("\u00fc", "62c3bc")]
    [InlineData("\u6c34", "63e6b0b4")]
    [InlineData("\ud800\udd51", "64f0908591")]
    public void TextStrings(string value, string expected) =>
        Assert.Equal(expected, Encode(w => w.WriteTextString(value)));

    [Fact]
    public void Arrays()
    {
        Assert.Equal("80", Encode(w => w.WriteStartArray(0)));
        Assert.Equal("83010203", Encode(w =>
        {
            w.WriteStartArray(3);
            w.WriteUInt64(1);
            w.WriteUInt64(2);
            w.WriteUInt64(3);
        }));
        Assert.Equal("8301820203820405", Encode(w =>
        {
            w.WriteStartArray(3);
            w.WriteUInt64(1);
            w.WriteStartArray(2);
            w.WriteUInt64(2);
            w.WriteUInt64(3);
            w.WriteStartArray(2);
            w.WriteUInt64(4);
            w.WriteUInt64(5);
        }));
        Assert.Equal("98190102030405060708090a0b0c0d0e0f101112131415161718181819", Encode(w =>
        {
            w.WriteStartArray(25);
            for (ulong i = 1; i <= 25; i++)
            {
                w.WriteUInt64(i);
            }
        }));
    }

    [Fact]
    public void Maps()
    {
        Assert.Equal("a0", Encode(w => w.WriteStartMap(0)));
        Assert.Equal("a201020304", Encode(w =>
        {
            w.WriteStartMap(2);
            w.WriteUInt64(1);
            w.WriteUInt64(2);
            w.WriteUInt64(3);
            w.WriteUInt64(4);
        }));
        Assert.Equal("a26161016162820203", Encode(w =>
        {
            w.WriteStartMap(2);
            w.WriteTextString("a");
            w.WriteUInt64(1);
            w.WriteTextString("b");
            w.WriteStartArray(2);
            w.WriteUInt64(2);
            w.WriteUInt64(3);
        }));
        Assert.Equal("826161a161626163", Encode(w =>
        {
            w.WriteStartArray(2);
            w.WriteTextString("a");
            w.WriteStartMap(1);
            w.WriteTextString("b");
            w.WriteTextString("c");
        }));
        Assert.Equal("a56161614161626142616361436164614461656145", Encode(w =>
        {
            w.WriteStartMap(5);
            foreach (string key in new[] { "a", "b", "c", "d", "e" })
            {
                w.WriteTextString(key);
                w.WriteTextString(key.ToUpperInvariant());
            }
        }));
    }

    [Fact]
    public void SimpleValuesAndTags()
    {
        Assert.Equal("f4", Encode(w => w.WriteBool(false)));
        Assert.Equal("f5", Encode(w => w.WriteBool(true)));
        Assert.Equal("f6", Encode(w => w.WriteNull()));
        Assert.Equal("c11a514b67b0", Encode(w =>
        {
            w.WriteTag(1);
            w.WriteUInt64(1363896240);
        }));
        Assert.Equal("d74401020304", Encode(w =>
        {
            w.WriteTag(23);
            w.WriteByteString(Hex.Bytes("01020304"));
        }));
        Assert.Equal("d82076687474703a2f2f7777772e6578616d706c652e636f6d", Encode(w =>
        {
            w.WriteTag(32);
            w.WriteTextString("http://www.example.com");
        }));
    }

    [Fact]
    public void RefusesKeysOutOfOrderOrDuplicated()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteUInt64(2);
        writer.WriteUInt64(0);
        Assert.Throws<CborException>(() => writer.WriteUInt64(1));

        writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteTextString("a");
        writer.WriteUInt64(0);
        Assert.Throws<CborException>(() => writer.WriteTextString("a"));

        // Bytewise order of encodings: 24 (0x18 0x18) sorts after 23 (0x17) and before "a" (0x61 0x61).
        writer = new CborWriter();
        writer.WriteStartMap(3);
        writer.WriteUInt64(23);
        writer.WriteBool(true);
        writer.WriteUInt64(24);
        writer.WriteBool(true);
        writer.WriteTextString("a");
        writer.WriteBool(true);
        Assert.Equal("a317f51818f56161f5", Hex.Of(writer.ToArray()));
    }

    [Fact]
    public void RefusesWrongItemCounts()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(1);
        Assert.Throws<CborException>(() => writer.ToArray()); // still open

        writer.WriteUInt64(1);
        Assert.True(writer.IsComplete);
        // The array closed after its one item, so a second item would be trailing data.
        Assert.Throws<CborException>(() => writer.WriteUInt64(2));
        Assert.Equal("8101", Hex.Of(writer.ToArray()));
    }
}
