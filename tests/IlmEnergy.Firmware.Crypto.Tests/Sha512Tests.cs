using System.Text;
using IlmEnergy.Firmware.Crypto;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>SHA-512 against FIPS 180-4's examples and against .NET's own implementation.</summary>
public class Sha512Tests
{
    [Theory]
    [InlineData("abc",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    [InlineData("",
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    public void Fips_180_4_examples(string message, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Sha512.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Million_a_fed_in_uneven_pieces()
    {
        var hasher = new Sha512();
        byte[] chunk = Enumerable.Repeat((byte)'a', 1000).ToArray();
        int fed = 0;
        int step = 1;
        while (fed < 1_000_000)
        {
            int count = Math.Min(step, 1_000_000 - fed);
            hasher.Update(chunk, 0, Math.Min(count, chunk.Length));
            fed += Math.Min(count, chunk.Length);
            step = (step * 7 % 997) + 1;
        }

        Assert.Equal(
            "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
            Convert.ToHexStringLower(hasher.Finish()));
    }

    [Fact]
    public void Every_length_up_to_1000_matches_dotnet()
    {
        var random = new Random(512);
        for (int length = 0; length <= 1000; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.True(
                System.Security.Cryptography.SHA512.HashData(data).AsSpan().SequenceEqual(Sha512.Hash(data)),
                "length " + length);
        }
    }

    [Fact]
    public void Random_splits_into_several_updates_match_one_shot()
    {
        var random = new Random(7);
        for (int round = 0; round < 300; round++)
        {
            byte[] data = new byte[random.Next(0, 1000)];
            random.NextBytes(data);
            var hasher = new Sha512();
            int position = 0;
            while (position < data.Length)
            {
                int count = random.Next(0, Math.Min(300, data.Length - position) + 1);
                hasher.Update(data, position, count);
                position += count;
            }

            Assert.Equal(System.Security.Cryptography.SHA512.HashData(data), hasher.Finish());
        }
    }

    [Fact]
    public void Update_reads_only_the_given_window_of_the_buffer()
    {
        byte[] buffer = Encoding.ASCII.GetBytes("xxabcxx");
        var hasher = new Sha512();
        hasher.Update(buffer, 2, 3);
        Assert.Equal(Sha512.Hash(Encoding.ASCII.GetBytes("abc")), hasher.Finish());
    }

    [Fact]
    public void Reset_makes_the_hasher_reusable_and_misuse_is_reported()
    {
        var hasher = new Sha512();
        hasher.Update(new byte[] { 1, 2, 3 }, 0, 3);
        hasher.Finish();

        Assert.Throws<InvalidOperationException>(() => hasher.Finish());
        Assert.Throws<InvalidOperationException>(() => hasher.Update(new byte[1], 0, 1));

        hasher.Reset();
        hasher.Update(Encoding.ASCII.GetBytes("abc"), 0, 3);
        Assert.Equal(System.Security.Cryptography.SHA512.HashData("abc"u8), hasher.Finish());
    }

    [Fact]
    public void Bad_arguments_give_argument_exceptions()
    {
        var hasher = new Sha512();
        Assert.Throws<ArgumentNullException>(() => hasher.Update(null!, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.Update(new byte[4], 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.Update(new byte[4], -1, 1));
        Assert.Throws<ArgumentNullException>(() => Sha512.Hash(null!));
    }
}
