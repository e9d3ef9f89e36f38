using IlmEnergy.Firmware.Protocol.Encoding;

namespace IlmEnergy.Firmware.Protocol.Tests;

public class Base58Tests
{
    // Bitcoin Core src/test/data/base58_encode_decode.json
    [Theory]
    [InlineData("", "")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("636363", "aPEr")]
    [InlineData("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2")]
    [InlineData("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L")]
    [InlineData("516b6fcd0f", "ABnLTmg")]
    [InlineData("bf4f89001e670274dd", "3SEo3LWLoPntC")]
    [InlineData("572e4794", "3EFU7m")]
    [InlineData("ecac89cad93923c02321", "EJDM8drfXA6uyA")]
    [InlineData("10c8511e", "Rt5zm")]
    [InlineData("00000000000000000000", "1111111111")]
    [InlineData("000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")]
    public void BitcoinVectors(string hex, string text)
    {
        Assert.Equal(text, Base58.Encode(Hex.Bytes(hex)));
        Assert.Equal(hex, Hex.Of(Base58.Decode(text)));
    }

    [Fact]
    public void MatchesSimpleBaseOnRandomInputsWithLeadingZeros()
    {
        var random = new Random(58);
        for (int round = 0; round < 3000; round++)
        {
            byte[] data = new byte[random.Next(0, 70)];
            random.NextBytes(data);
            int zeros = Math.Min(data.Length, random.Next(4) == 0 ? random.Next(0, 6) : 0);
            Array.Clear(data, 0, zeros);

            string expected = SimpleBase.Base58.Bitcoin.Encode(data);
            Assert.Equal(expected, Base58.Encode(data));
            Assert.Equal(data, Base58.Decode(expected));
            Assert.StartsWith(new string('1', zeros), expected);
        }
    }

    [Fact]
    public void DeviceIdsOf32ByteKeysAre32To44Characters()
    {
        Assert.Equal(32, Base58.Encode(new byte[32]).Length); // all zero: "1" × 32
        byte[] max = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.Equal(44, Base58.Encode(max).Length);
        // The example id in docs/protocol.md §1 round-trips to a 32-byte key.
        Assert.Equal(32, Base58.Decode("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS").Length);
    }

    [Theory]
    [InlineData("0OIl", 0)]
    [InlineData("abc0", 3)]
    [InlineData("2g ", 2)]
    public void RejectsCharactersOutsideTheAlphabet(string text, int badIndex)
    {
        Assert.Equal(badIndex, Base58.TryDecode(text, out byte[] result));
        Assert.Null(result);
        Assert.Throws<ArgumentException>(() => Base58.Decode(text));
    }
}
