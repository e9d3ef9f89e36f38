using System.Formats.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;
using IlmEnergy.Firmware.Protocol.Messages;
using IlmEnergy.VectorGen;
using NSec.Cryptography;
using Xunit.Abstractions;

namespace IlmEnergy.Firmware.Protocol.Tests;

public class CoseSign1Tests(ITestOutputHelper output)
{
    [Fact]
    public void SigStructureStartsWithTheBytesOfProtocolSection2()
    {
        byte[] payload = Hex.Bytes("a10001");
        byte[] sigStructure = CoseSign1.BuildSigStructure(CoseSign1.EdDsaProtectedHeader(), payload);
        // 84 6A "Signature1" 43 A10127 40, then the payload's byte-string header and the payload.
        Assert.Equal("846a5369676e61747572653143a1012740" + "43" + "a10001", Hex.Of(sigStructure));
    }

    [Fact]
    public void FirmwareEnvelopeVerifiesWithNSecOverAnIndependentlyBuiltSigStructure()
    {
        using NSecSigner device = TestKeys.Device();
        byte[] payload = VectorMessages.Typical().EncodePayload();
        byte[] message = CoseSign1.Sign(payload, device);

        // Take the envelope apart with System.Formats.Cbor in strict canonical mode.
        var reader = new CborReader(message, CborConformanceMode.Canonical);
        Assert.Equal((CborTag)18, reader.ReadTag());
        Assert.Equal(4, reader.ReadStartArray());
        byte[] protectedHeader = reader.ReadByteString();
        Assert.Equal(1, reader.ReadStartMap());
        Assert.Equal(4, reader.ReadInt32());
        byte[] kid = reader.ReadByteString();
        reader.ReadEndMap();
        byte[] receivedPayload = reader.ReadByteString();
        byte[] signature = reader.ReadByteString();
        reader.ReadEndArray();
        Assert.Equal(0, reader.BytesRemaining);

        Assert.Equal("a10127", Hex.Of(protectedHeader));
        Assert.Equal(device.PublicKey, kid);
        Assert.Equal(payload, receivedPayload);
        Assert.Equal(64, signature.Length);

        var sig = new CborWriter(CborConformanceMode.Canonical);
        sig.WriteStartArray(4);
        sig.WriteTextString("Signature1");
        sig.WriteByteString(protectedHeader);
        sig.WriteByteString([]);
        sig.WriteByteString(receivedPayload);
        sig.WriteEndArray();

        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, kid, KeyBlobFormat.RawPublicKey);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, sig.Encode(), signature));

        byte[] tampered = (byte[])receivedPayload.Clone();
        tampered[^1] ^= 1;
        sig.Reset();
        sig.WriteStartArray(4);
        sig.WriteTextString("Signature1");
        sig.WriteByteString(protectedHeader);
        sig.WriteByteString([]);
        sig.WriteByteString(tampered);
        sig.WriteEndArray();
        Assert.False(SignatureAlgorithm.Ed25519.Verify(publicKey, sig.Encode(), signature));
    }

    [Fact]
    public void TypicalSixSampleBatchIsAtMost400Bytes()
    {
        using NSecSigner device = TestKeys.Device();
        byte[] message = VectorMessages.Typical().Sign(device);
        byte[] full = VectorMessages.Full().Sign(device);
        output.WriteLine($"6-sample batch: {message.Length} bytes signed; 120-sample batch: {full.Length} bytes (limit {CoseSign1.MaxMessageSize})");
        Assert.InRange(message.Length, 200, 400);
        Assert.True(full.Length <= CoseSign1.MaxMessageSize);
    }

    [Fact]
    public void DecodeAndVerifyRoundTrip()
    {
        using NSecSigner device = TestKeys.Device();
        byte[] payload = VectorMessages.Typical().EncodePayload();
        CoseSign1Message decoded = CoseSign1.DecodeAndVerify(CoseSign1.Sign(payload, device), new NSecVerifier());
        Assert.Equal(payload, decoded.Payload);
        Assert.Equal(device.PublicKey, decoded.KeyId);
        Assert.Equal("a10127", Hex.Of(decoded.ProtectedHeader));
    }

    [Fact]
    public void SignatureByAnotherKeyIsBadSignature()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner other = TestKeys.Other();
        byte[] payload = VectorMessages.Typical().EncodePayload();
        byte[] forged = CoseSign1.Envelope(CoseSign1.EdDsaProtectedHeader(), device.PublicKey, payload,
            other.Sign(CoseSign1.BuildSigStructure(CoseSign1.EdDsaProtectedHeader(), payload)));
        var e = Assert.Throws<ProtocolException>(() => CoseSign1.DecodeAndVerify(forged, new NSecVerifier()));
        Assert.Equal(ReasonCode.BadSignature, e.Reason);
    }

    [Theory]
    [InlineData("a201270300", ReasonCode.NotCoseSign1)]      // extra label 3
    [InlineData("a10126", ReasonCode.UnsupportedAlgorithm)]  // ES256
    [InlineData("a101382f", ReasonCode.UnsupportedAlgorithm)] // -48
    [InlineData("a1012f", ReasonCode.UnsupportedAlgorithm)]   // +15
    [InlineData("a10427", ReasonCode.NotCoseSign1)]           // label 4, not alg
    [InlineData("a0", ReasonCode.NotCoseSign1)]               // empty map
    [InlineData("", ReasonCode.NotCoseSign1)]                 // empty bstr
    [InlineData("a1011827", ReasonCode.UnsupportedAlgorithm)] // 39
    [InlineData("a10163454444", ReasonCode.UnsupportedAlgorithm)] // text "EDD"
    public void ProtectedHeaderRules(string protectedHex, ReasonCode expected)
    {
        using NSecSigner device = TestKeys.Device();
        byte[] payload = VectorMessages.Typical().EncodePayload();
        byte[] message = CoseSign1.Sign(payload, device, Hex.Bytes(protectedHex));
        var e = Assert.Throws<ProtocolException>(() => CoseSign1.Decode(message));
        Assert.Equal(expected, e.Reason);
    }

    [Fact]
    public void NonShortestProtectedHeaderIsMalformed()
    {
        using NSecSigner device = TestKeys.Device();
        byte[] message = CoseSign1.Sign(Hex.Bytes("a0"), device, Hex.Bytes("a1180127")); // key 1 as 0x18 0x01
        Assert.Equal(ReasonCode.MalformedCbor, Assert.Throws<ProtocolException>(() => CoseSign1.Decode(message)).Reason);
    }

    [Fact]
    public void EnvelopeShapeRules()
    {
        using NSecSigner device = TestKeys.Device();
        byte[] kid = device.PublicKey;
        byte[] sig = new byte[64];

        ReasonCode Reason(byte[] message) => Assert.Throws<ProtocolException>(() => CoseSign1.Decode(message)).Reason;

        Assert.Equal(ReasonCode.MessageTooLarge, Reason(CoseSign1.Envelope(CoseSign1.EdDsaProtectedHeader(), kid, new byte[4000], sig)));
        Assert.Equal(ReasonCode.BadSignature, Reason(CoseSign1.Envelope(CoseSign1.EdDsaProtectedHeader(), kid, Hex.Bytes("a0"), new byte[63])));
        Assert.Equal(ReasonCode.BadKeyId, Reason(CoseSign1.Envelope(CoseSign1.EdDsaProtectedHeader(), new byte[33], Hex.Bytes("a0"), sig)));

        // Unprotected header with a second label, and with kid as a text string.
        byte[] twoLabels = Hex.Bytes("d28443a10127a2" + "0458200000000000000000000000000000000000000000000000000000000000000000" + "0500" + "41a0" + "5840" + new string('0', 128));
        Assert.Equal(ReasonCode.BadKeyId, Reason(twoLabels));
        byte[] textKid = Hex.Bytes("d28443a10127a1" + "0461" + "61" + "41a0" + "5840" + new string('0', 128));
        Assert.Equal(ReasonCode.BadKeyId, Reason(textKid));

        // Array of 3, payload nil, unprotected header as array.
        Assert.Equal(ReasonCode.NotCoseSign1, Reason(Hex.Bytes("d28343a10127a0" + "41a0")));
        Assert.Equal(ReasonCode.NotCoseSign1, Reason(Hex.Bytes("d28443a10127a1045820" + new string('0', 64) + "f6" + "5840" + new string('0', 128))));
        Assert.Equal(ReasonCode.NotCoseSign1, Reason(Hex.Bytes("d28443a101278041a0" + "5840" + new string('0', 128))));
    }
}
