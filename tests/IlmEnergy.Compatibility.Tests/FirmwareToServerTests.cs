using IlmEnergy.Firmware.Protocol;
using IlmEnergy.Firmware.Protocol.Cose;
using IlmEnergy.Protocol;
using Fw = IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Compatibility.Tests;

/// <summary>Batches signed by the plug's managed Ed25519 and encoded by the firmware core, decoded by the server.</summary>
public sealed class FirmwareToServerTests
{
    private static readonly UplinkDecoder Decoder = new();

    [Fact]
    public void Random_realistic_firmware_batches_verify_and_decode_to_the_same_values()
    {
        var random = new Random(2026);
        var oversized = 0;
        for (var round = 0; round < 300; round++)
        {
            var signer = new Ed25519Signer(RandomBytes(random, 32));
            var batch = RandomBatch(random);
            byte[] message;
            try
            {
                message = batch.Sign(signer);
            }
            catch (ProtocolException e) when (e.Reason == ReasonCode.MessageTooLarge)
            {
                // The plug refuses what the server would refuse: the encoding really is over the limit.
                Assert.True(CoseSign1Size(batch) > 4096);
                oversized++;
                continue;
            }

            var result = Decoder.Decode(message);

            Assert.True(result.IsAccepted, result.ToString());
            Assert.Equal(signer.PublicKey, result.Signer.PublicKey.ToArray());
            var decoded = Assert.IsType<ReadingBatch>(result.Message);
            Assert.Equal((long)batch.Seq, decoded.Seq);
            Assert.Equal(batch.Boot, decoded.Boot);
            Assert.Equal(batch.Board, decoded.Board);
            Assert.Equal(batch.Firmware, decoded.Firmware);
            Assert.Equal(batch.Flags, (uint)decoded.Flags);
            Assert.Equal(batch.Dropped, (uint)decoded.Dropped);
            Assert.Equal(batch.Samples.Length, decoded.Samples.Count);
            for (var k = 0; k < batch.Samples.Length; k++)
            {
                var expected = batch.Samples[k];
                Assert.Equal(new ReadingSample((long)expected.TimestampMs, expected.EnergyMwh, expected.PowerMw, expected.VoltageMv, expected.CurrentMa, expected.RelayClosed),
                    decoded.Samples[k]);
            }
            // The server's encoder reproduces the firmware's payload byte for byte: one deterministic form.
            Assert.Equal(batch.EncodePayload(), PayloadEncoder.Encode(decoded));
        }
        Assert.InRange(oversized, 1, 100); // wide 120-sample batches do exceed 4096 bytes (docs/protocol.md §7)
    }

    // Envelope overhead of docs/protocol.md §2: tag, array, protected header, kid map, payload header, signature.
    private static int CoseSign1Size(Fw.ReadingBatch batch) => batch.EncodePayload().Length + 111;

    [Fact]
    public void One_flipped_bit_anywhere_in_a_firmware_message_is_rejected_with_a_reason()
    {
        var random = new Random(7);
        var message = RandomBatch(random, samples: 6).Sign(new Ed25519Signer(RandomBytes(random, 32)));
        Assert.True(Decoder.Decode(message).IsAccepted);

        var reasons = new HashSet<RejectReason>();
        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            var mutated = (byte[])message.Clone();
            mutated[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = Decoder.Decode(mutated);
            Assert.False(result.IsAccepted, $"bit {bit} flipped was accepted");
            reasons.Add(result.Rejection!.Value.Reason);
        }
        // Flips land in the envelope, the header, the key and the signed bytes: several stages must have spoken.
        Assert.Contains(RejectReason.BadSignature, reasons);
        Assert.Contains(RejectReason.MalformedCbor, reasons);
    }

    [Fact]
    public void A_typical_six_sample_batch_fits_the_size_target()
    {
        var random = new Random(1);
        var message = RandomBatch(random, samples: 6).Sign(new Ed25519Signer(RandomBytes(random, 32)));
        Assert.InRange(message.Length, 250, 400);
    }

    internal static Fw.ReadingBatch RandomBatch(Random random, int? samples = null)
    {
        var count = samples ?? random.Next(1, 121);
        var t = (ulong)(1_767_225_600_000L + random.NextInt64(0, 86_400_000L * 365));
        var energy = random.NextInt64(0, 50_000_000_000L);
        var list = new Fw.ReadingSample[count];
        for (var k = 0; k < count; k++)
        {
            var power = random.Next(0, 3_600_000);
            t += (ulong)random.Next(1_000, 60_000);
            energy += random.Next(0, 10_000);
            list[k] = new Fw.ReadingSample(t, energy, power, (uint)random.Next(200_000, 250_000), (uint)random.Next(0, 16_000), random.Next(2) == 1);
        }
        return new Fw.ReadingBatch
        {
            Seq = (ulong)random.NextInt64(0, long.MaxValue),
            Boot = (uint)random.Next(),
            Board = "shelly-plug-s-gen3",
            Firmware = "0.1.0",
            Flags = (uint)random.Next(0, 0x80) & ~0x02u,
            Samples = list,
            Dropped = random.Next(4) == 0 ? (uint)random.Next(1, 1000) : 0,
            DrReports = [],
        };
    }

    internal static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
