using System.Diagnostics;
using NSec.Cryptography;
using Xunit.Abstractions;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>10,000 random keys and messages, checked against libsodium (NSec) in both directions.</summary>
public class NSecCrossCheckTests
{
    private readonly ITestOutputHelper output;

    public NSecCrossCheckTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public void Ten_thousand_random_pairs_agree_with_libsodium_both_ways()
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        var random = new Random(25519);
        var clock = Stopwatch.StartNew();
        const int Pairs = 10_000;

        for (int i = 0; i < Pairs; i++)
        {
            byte[] seed = new byte[32];
            random.NextBytes(seed);
            byte[] message = new byte[random.Next(0, 300)];
            random.NextBytes(message);
            using var key = Key.Import(algorithm, seed, KeyBlobFormat.RawPrivateKey);
            byte[] theirPublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            byte[] theirSignature = algorithm.Sign(key, message);

            byte[] ourPublicKey = Ed25519.PublicKeyFromSeed(seed);
            byte[] ourSignature = Ed25519.Sign(seed, ourPublicKey, message);

            // Ed25519 is deterministic, so equal keys and signatures are the whole check of Sign.
            Assert.True(theirPublicKey.AsSpan().SequenceEqual(ourPublicKey), "public key, pair " + i);
            Assert.True(theirSignature.AsSpan().SequenceEqual(ourSignature), "signature, pair " + i);
            Assert.True(algorithm.Verify(key.PublicKey, message, ourSignature), "NSec verifies ours, pair " + i);
            Assert.True(Ed25519.Verify(theirPublicKey, message, theirSignature), "we verify NSec's, pair " + i);

            // One flipped bit must fail: in the message, the signature or the key, in turn
            // (one per pair keeps the run short; each kind is still tried over 3,000 times).
            switch (i % 3)
            {
                case 0 when message.Length > 0:
                    byte[] badMessage = (byte[])message.Clone();
                    badMessage[random.Next(badMessage.Length)] ^= (byte)(1 << random.Next(8));
                    Assert.False(Ed25519.Verify(theirPublicKey, badMessage, theirSignature), "flipped message, pair " + i);
                    break;
                case 1:
                    byte[] badSignature = (byte[])theirSignature.Clone();
                    badSignature[random.Next(64)] ^= (byte)(1 << random.Next(8));
                    Assert.False(Ed25519.Verify(theirPublicKey, message, badSignature), "flipped signature, pair " + i);
                    break;
                case 2:
                    byte[] badKey = (byte[])theirPublicKey.Clone();
                    badKey[random.Next(32)] ^= (byte)(1 << random.Next(8));
                    Assert.False(Ed25519.Verify(badKey, message, theirSignature), "flipped key, pair " + i);
                    break;
            }
        }

        output.WriteLine(Pairs + " pairs cross-checked in " + clock.ElapsedMilliseconds + " ms");
    }
}
