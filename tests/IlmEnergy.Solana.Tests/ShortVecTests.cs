namespace IlmEnergy.Solana.Tests;

public class ShortVecTests
{
    // solana-sdk short_vec tests (test_short_vec_encode_len) and the transaction format docs.
    [Theory]
    [InlineData(0, "00")]
    [InlineData(5, "05")]
    [InlineData(127, "7f")]
    [InlineData(128, "8001")]
    [InlineData(255, "ff01")]
    [InlineData(256, "8002")]
    [InlineData(16383, "ff7f")]
    [InlineData(16384, "808001")]
    [InlineData(32767, "ffff01")]
    [InlineData(65535, "ffff03")]
    public void Encodes_and_decodes_the_reference_values(int value, string hex)
    {
        Assert.Equal(hex, Hex.Of(ShortVec.Encode(value)));
        Assert.Equal(value, ShortVec.Decode(Hex.Bytes(hex), out var read));
        Assert.Equal(hex.Length / 2, read);
        Assert.Equal(read, ShortVec.EncodedLength(value));
    }

    [Theory]
    [InlineData("8000", "not canonical")] // 0 in two bytes
    [InlineData("ffff04", "overflows")] // 65536
    [InlineData("80", "truncated")]
    [InlineData("ffffff01", "overflows")]
    public void Rejects_what_the_runtime_rejects(string hex, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ShortVec.Decode(Hex.Bytes(hex), out _));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Refuses_values_outside_u16() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortVec.Encode(65536));
}
