using System.Formats.Cbor;
using NSec.Cryptography;

namespace IlmEnergy.Protocol.Tests;

/// <summary>The library's encoders and Sig_structure agree byte for byte with the independent test encoder.</summary>
public sealed class EncoderTests
{
    private static readonly Key DeviceKey = TestEncoder.NewKey(0x44);
    private static readonly Key ServerKey = TestEncoder.NewKey(0x55);

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(4000)]
    [InlineData(70_000)]
    public void SigStructure_matches_a_CborWriter_encoding_and_the_spec_prefix(int payloadLength)
    {
        var payload = new byte[payloadLength];
        new Random(payloadLength).NextBytes(payload);
        var expected = TestEncoder.SigStructure(TestEncoder.EdDsaProtectedHeader, payload);
        var actual = new byte[SigStructure.GetLength(payloadLength)];
        Assert.Equal(actual.Length, SigStructure.Write(payload, actual));
        Assert.Equal(expected, actual);
        Assert.StartsWith("846A5369676E61747572653143A1012740", Convert.ToHexString(actual), StringComparison.Ordinal);
    }

    [Fact]
    public void Readings_encoder_and_signer_are_byte_identical_to_the_test_encoder()
    {
        var expected = TestEncoder.SignedReadings(DeviceKey);
        var decoded = Decoding.AssertAcceptedReadings(expected);
        var reencoded = CoseSign1Signer.Sign(PayloadEncoder.Encode(decoded), DeviceKey);
        Assert.Equal(expected, reencoded);
    }

    [Fact]
    public void Readings_with_optional_keys_reencode_identically()
    {
        var payload = TestEncoder.ReadingsPayload();
        payload[6] = 0x25UL;
        payload[8] = 300UL;
        payload[9] = new object[] { new object[] { "cmd-ü-1", 1UL, 1_763_971_800_000UL } };
        ((object[])((object[])payload[7])[0])[2] = -1500L;
        var message = TestEncoder.Sign(TestEncoder.EncodePayload(payload), DeviceKey);
        var decoded = Decoding.AssertAcceptedReadings(message);
        Assert.Equal(-1500, decoded.Samples[0].PowerMw);
        Assert.Equal(message, CoseSign1Signer.Sign(PayloadEncoder.Encode(decoded), DeviceKey));
    }

    [Fact]
    public void Hello_reencodes_identically()
    {
        var message = TestEncoder.Sign(TestEncoder.EncodePayload(TestEncoder.HelloPayload()), DeviceKey);
        var result = Decoding.Decode(message);
        var hello = Assert.IsType<HelloMessage>(result.Message);
        Assert.Equal(new HelloMessage(7, "athom-plug-v3", "0.1.0", ReadingFlags.FirstAfterBoot, 1_763_971_200_123, 1043), hello);
        Assert.Equal(message, CoseSign1Signer.Sign(PayloadEncoder.Encode(hello), DeviceKey));
    }

    [Fact]
    public void DrCommandSigner_output_is_byte_identical_and_verifies_against_the_pinned_server_key()
    {
        var device = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(DeviceKey));
        var command = new DrCommand("cmd-0001", device, DrAction.Curtail, 1_763_971_800_000, 1_763_975_400_000,
            1_763_971_200_000, 1_763_971_700_000, "evt-2026-11-24-a");
        var signer = new DrCommandSigner(ServerKey);
        byte[] signed = signer.Sign(command);

        Assert.Equal(TestEncoder.Sign(TestEncoder.EncodePayload(TestEncoder.DrCommandPayload(device.PublicKey.ToArray())), ServerKey), signed);
        var asDevice = new UplinkDecoder(new UplinkDecoderOptions { AcceptedKinds = MessageKinds.DrCommand, ExpectedSigner = signer.ServerKeyId });
        var result = asDevice.Decode(signed);
        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(command, result.Message);

        // A device pinned to another server key refuses it.
        var otherServer = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(TestEncoder.NewKey(0x66)));
        Assert.Equal(RejectReason.BadKeyId, new UplinkDecoder(new UplinkDecoderOptions { AcceptedKinds = MessageKinds.All, ExpectedSigner = otherServer }).Decode(signed).Rejection?.Reason);
    }

    [Fact]
    public void DrCommandSigner_refuses_commands_devices_would_reject()
    {
        var device = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(DeviceKey));
        var signer = new DrCommandSigner(ServerKey);
        var ok = new DrCommand("c", device, DrAction.Cancel, 1_000, 1_000 + ProtocolLimits.MaxDrWindowMs, 0, 2_000, "e");
        Assert.True(Decoding.AnyKind.Decode(signer.Sign(ok)).IsAccepted);
        Assert.Throws<ArgumentException>(() => signer.Sign(ok with { EndMs = ok.EndMs + 1 }));
        Assert.Throws<ArgumentException>(() => signer.Sign(ok with { EndMs = ok.StartMs }));
        Assert.Throws<ArgumentException>(() => signer.Sign(ok with { CommandId = "" }));
        Assert.Throws<ArgumentException>(() => signer.Sign(ok with { EventId = new string('x', 65) }));
    }

    [Fact]
    public void Dr_command_schema_rules_on_decode()
    {
        var device = TestEncoder.PublicKeyOf(DeviceKey);
        byte[] Signed(Action<SortedDictionary<ulong, object>> change)
        {
            var p = TestEncoder.DrCommandPayload(device);
            change(p);
            return TestEncoder.Sign(TestEncoder.EncodePayload(p), ServerKey);
        }
        Decoding.AssertRejected("LimitExceeded", Signed(p => p[24] = 1_763_971_800_000UL + 4 * 3_600_000UL + 1), Decoding.AnyKind);
        Decoding.AssertRejected("SchemaViolation", Signed(p => p[24] = p[23]), Decoding.AnyKind);
        Decoding.AssertRejected("SchemaViolation", Signed(p => p[22] = 3UL), Decoding.AnyKind);
        Decoding.AssertRejected("SchemaViolation", Signed(p => p[21] = device[..31]), Decoding.AnyKind);
        Decoding.AssertRejected("SchemaViolation", Signed(p => p.Remove(27)), Decoding.AnyKind);
        Decoding.AssertRejected("LimitExceeded", Signed(p => p[20] = new string('c', 65)), Decoding.AnyKind);
    }

    [Fact]
    public void Canonical_is_the_conformance_mode_that_accepts_tag_18_and_orders_uint_keys_like_RFC_8949()
    {
        var message = TestEncoder.SignedReadings(DeviceKey);
        new CborReader(message, CborConformanceMode.Canonical).SkipValue();
        // Ctap2Canonical forbids tags, so it could not read a COSE_Sign1 at all.
        Assert.ThrowsAny<Exception>(() => new CborReader(message, CborConformanceMode.Ctap2Canonical).SkipValue());

        // For unsigned-integer keys, length-first (RFC 7049) and bytewise (RFC 8949) order coincide.
        var keys = Enumerable.Range(0, 70_000).Select(k => (ulong)k).ToList();
        byte[] Encode(ulong k) { var w = new CborWriter(); w.WriteUInt64(k); return w.Encode(); }
        var bytewise = keys.OrderBy(Encode, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
        Assert.Equal(keys, bytewise);
    }
}
