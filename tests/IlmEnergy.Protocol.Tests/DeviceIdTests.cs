namespace IlmEnergy.Protocol.Tests;

public sealed class DeviceIdTests
{
    [Fact]
    public void All_zero_key_is_the_Solana_system_program_address()
    {
        // Base58 of 32 zero bytes: one '1' per leading zero byte (Bitcoin alphabet rule).
        var id = DeviceId.FromPublicKey(new byte[32]);
        Assert.Equal("11111111111111111111111111111111", id.ToString());
        Assert.Equal(id, DeviceId.Parse("11111111111111111111111111111111"));
    }

    [Fact]
    public void Spec_example_round_trips()
    {
        const string example = "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS";
        var id = DeviceId.Parse(example);
        Assert.Equal(32, id.PublicKey.Length);
        Assert.Equal(example, DeviceId.FromPublicKey(id.PublicKey).ToString());
    }

    [Fact]
    public void Random_keys_round_trip_and_compare_by_value()
    {
        var random = new Random(1);
        for (int n = 0; n < 500; n++)
        {
            var key = new byte[32];
            random.NextBytes(key);
            if (n % 10 == 0) key[0] = 0; // leading zero bytes become leading '1's
            var id = DeviceId.FromPublicKey(key);
            Assert.InRange(id.ToString().Length, 32, 44);
            var parsed = DeviceId.Parse(id.ToString());
            Assert.Equal(id, parsed);
            Assert.Equal(id.GetHashCode(), parsed.GetHashCode());
            Assert.True(id == parsed);
            Assert.Equal(key, parsed.PublicKey.ToArray());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtaj0")] // '0' is not in the alphabet
    [InlineData("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajO")] // nor 'O'
    [InlineData("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4M")]            // about 24 bytes
    [InlineData("14zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS")] // 33 bytes (extra leading zero)
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")] // more than 32 bytes
    public void Invalid_ids_are_refused(string text)
    {
        Assert.False(DeviceId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DeviceId.Parse(text));
    }

    [Fact]
    public void Keys_of_wrong_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DeviceId.FromPublicKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => DeviceId.FromPublicKey(new byte[33]));
    }

    [Fact]
    public void Real_keys_pass_the_public_key_check()
    {
        for (byte seed = 1; seed < 60; seed++)
            Assert.True(Ed25519PublicKeyCheck.IsValid(TestEncoder.PublicKeyOf(TestEncoder.NewKey(seed)), out string problem), problem);
    }
}
