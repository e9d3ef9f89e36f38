using Xunit.Abstractions;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>
/// The plug's budget is field multiplications, not host time: these counts are exact and deterministic.
/// </summary>
public class MultiplicationCountTests
{
    private static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    private readonly ITestOutputHelper output;

    public MultiplicationCountTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public void A_signature_costs_well_under_3000_field_multiplications()
    {
        byte[] publicKey = Ed25519.PublicKeyFromSeed(Seed);

        long signCost = Count(() => Ed25519.Sign(Seed, publicKey, new byte[200]));
        long keyCost = Count(() => Ed25519.PublicKeyFromSeed(Seed));
        byte[] signature = Ed25519.Sign(Seed, publicKey, new byte[200]);
        long verifyCost = Count(() => Assert.True(Ed25519.Verify(publicKey, new byte[200], signature)));

        output.WriteLine("field multiplications: sign " + signCost + ", public key " + keyCost + ", verify " + verifyCost);
        Assert.InRange(signCost, 1, 2999);
        Assert.InRange(keyCost, 1, 2999);
        Assert.InRange(verifyCost, 1, 4000);
    }

    [Fact]
    public void Signing_work_does_not_depend_on_the_key_or_message()
    {
        // Constant work is what a constant-time signer looks like from the outside.
        var random = new Random(3);
        long? first = null;
        for (int i = 0; i < 20; i++)
        {
            byte[] seed = new byte[32];
            random.NextBytes(seed);
            byte[] message = new byte[random.Next(0, 500)];
            random.NextBytes(message);
            byte[] publicKey = Ed25519.PublicKeyFromSeed(seed);
            long cost = Count(() => Ed25519.Sign(seed, publicKey, message));
            first ??= cost;
            Assert.Equal(first, cost);
        }
    }

    private static long Count(Action action)
    {
        CryptoStats.Reset();
        action();
        return CryptoStats.FieldMultiplications;
    }
}
