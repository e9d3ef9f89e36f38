using System.Text;
using System.Text.Json;
using IlmEnergy.Firmware.Protocol;
using IlmEnergy.Firmware.Protocol.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;
using IlmEnergy.Firmware.Protocol.Encoding;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.VectorGen;

/// <summary>
/// Builds tests/vectors/uplink-v1.json: valid signed messages with their decoded fields, and invalid
/// ones with the reason code (docs/protocol.md §6) a receiver must give. Same inputs, same bytes.
/// </summary>
public static class UplinkVectors
{
    public const string RelativePath = "tests/vectors/uplink-v1.json";

    public static string Build()
    {
        // The plug's own managed Ed25519 signs the vectors: they are produced by the firmware core.
        var device = new Ed25519Signer(VectorKeys.DeviceSeed);
        var server = new Ed25519Signer(VectorKeys.ServerSeed);

        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n" };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("format", "ilm-uplink-vectors");
            json.WriteNumber("protocolVersion", 1);
            json.WriteString("generator", "tests/IlmEnergy.VectorGen (dotnet run --project tests/IlmEnergy.VectorGen -- --write)");

            json.WriteStartArray("keys");
            WriteKey(json, "device", VectorKeys.DeviceSeed, device.PublicKey);
            WriteKey(json, "server", VectorKeys.ServerSeed, server.PublicKey);
            json.WriteEndArray();

            json.WriteStartArray("valid");
            WriteBatch(json, "readings-typical-6", device, VectorMessages.Typical());
            WriteBatch(json, "readings-single-1", device, VectorMessages.Single());
            WriteBatch(json, "readings-full-120", device, VectorMessages.Full());
            WriteBatch(json, "readings-dr-dropped-flags", device, VectorMessages.WithDrReports());
            WriteHello(json, "hello", device, VectorMessages.Hello());
            WriteCommand(json, "dr-command-curtail", server, VectorMessages.Command(device.PublicKey), device.PublicKey);
            json.WriteEndArray();

            json.WriteStartArray("invalid");
            foreach (InvalidVector vector in InvalidVectors(device))
            {
                json.WriteStartObject();
                json.WriteString("name", vector.Name);
                json.WriteString("description", vector.Description);
                WriteSigner(json, "device", VectorKeys.DeviceSeed, device.PublicKey);
                json.WriteString("messageHex", Hex(vector.Message));
                json.WriteNumber("sizeBytes", vector.Message.Length);
                json.WriteString("expectedReason", ReasonCodes.NameOf(vector.Reason));
                json.WriteNumber("expectedReasonCode", (int)vector.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public sealed record InvalidVector(string Name, string Description, byte[] Message, ReasonCode Reason);

    /// <summary>Each message breaks exactly one rule; all are signed by the device key.</summary>
    public static IEnumerable<InvalidVector> InvalidVectors(IMessageSigner device)
    {
        byte[] typical = VectorMessages.Typical().Sign(device);

        yield return new("flipped-signature-bit", "lowest bit of the signature's last byte flipped",
            FlipBit(typical, typical.Length - 1, 0), ReasonCode.BadSignature);

        // Flip the firmware version "0.1.0" to "0.1.1" inside the payload: still a valid schema.
        int fwOffset = IndexOf(typical, Encoding.ASCII.GetBytes("0.1.0")) + 4;
        yield return new("flipped-payload-bit", "one payload bit flipped (fw \"0.1.0\" becomes \"0.1.1\"); CBOR and schema stay valid",
            FlipBit(typical, fwOffset, 0), ReasonCode.BadSignature);

        yield return new("wrong-alg", "protected header {1: -7} (ES256) instead of {1: -8}, correctly signed",
            CoseSign1.Sign(VectorMessages.Typical().EncodePayload(), device, [0xA1, 0x01, 0x26]), ReasonCode.UnsupportedAlgorithm);

        yield return new("missing-tag", "tag 17 (COSE_Mac0) where tag 18 is required",
            [0xD1, .. typical[1..]], ReasonCode.NotCoseSign1);

        yield return new("untagged", "the COSE_Sign1 array without any tag",
            typical[1..], ReasonCode.NotCoseSign1);

        yield return new("truncated", "last byte missing",
            typical[..^1], ReasonCode.MalformedCbor);

        yield return new("trailing-byte", "a 0x00 byte after the COSE_Sign1",
            [.. typical, 0x00], ReasonCode.MalformedCbor);

        yield return new("non-canonical-int", "payload boot counter 7 written as 0x18 0x07 (not shortest form), correctly signed",
            SignRaw(device, TypicalPayloadPairs(bootEncoded: [0x18, 0x07])), ReasonCode.MalformedCbor);

        yield return new("unsorted-map-keys", "payload keys 3 (boot) before 2 (seq), correctly signed",
            SignRaw(device, TypicalPayloadPairs(swapSeqAndBoot: true)), ReasonCode.MalformedCbor);

        byte[] payload = VectorMessages.Typical().EncodePayload();
        byte[] signature = device.Sign(CoseSign1.BuildSigStructure(CoseSign1.EdDsaProtectedHeader(), payload));
        yield return new("kid-31-bytes", "kid is the device key without its last byte",
            CoseSign1.Envelope(CoseSign1.EdDsaProtectedHeader(), device.PublicKey[..31], payload, signature), ReasonCode.BadKeyId);

        yield return new("unknown-payload-key", "payload has an extra key 12, correctly signed",
            SignRaw(device, TypicalPayloadPairs(extraKey12: true)), ReasonCode.SchemaViolation);

        yield return new("version-2", "payload format version 2, correctly signed",
            SignRaw(device, TypicalPayloadPairs(version: 2)), ReasonCode.UnsupportedVersion);

        ReadingBatch tooMany = VectorMessages.Full();
        tooMany.Samples = VectorMessages.SteadyLoad(121, VectorMessages.T0, 1_000_000, 100_000, 230_000, 450, true);
        yield return new("samples-121", "121 samples, one more than allowed, correctly signed",
            SignUnvalidated(device, tooMany), ReasonCode.LimitExceeded);

        yield return new("oversized", "a schema-valid 120-sample batch whose signed message exceeds 4096 bytes",
            Oversized(device), ReasonCode.MessageTooLarge);

        ReadingBatch backwards = VectorMessages.Typical();
        (backwards.Samples[2].TimestampMs, backwards.Samples[3].TimestampMs) = (backwards.Samples[3].TimestampMs, backwards.Samples[2].TimestampMs);
        yield return new("decreasing-timestamps", "samples 2 and 3 swapped their timestamps, correctly signed",
            SignUnvalidated(device, backwards), ReasonCode.SchemaViolation);
    }

    private static byte[] Oversized(IMessageSigner device)
    {
        // Large but legal values: 9-byte timestamps and counters, 5-byte power and voltage, longest names.
        ReadingBatch batch = VectorMessages.Full();
        batch.Board = "board-with-a-32-byte-long-name.x";
        batch.Firmware = "0.1.0+build.with.a.32.byte.name";
        batch.Samples = VectorMessages.SteadyLoad(ReadingBatch.MaxSamples, VectorMessages.T0, 5_000_000_000, 3_000_000, 230_000, 13_100, true);
        // ReadingBatch.Sign refuses to produce this (the plug never sends it); sign the encoding directly.
        byte[] message = SignUnvalidated(device, batch);
        if (message.Length <= CoseSign1.MaxMessageSize)
        {
            throw new InvalidOperationException("oversized vector is only " + message.Length + " bytes");
        }

        return message;
    }

    private static byte[] SignUnvalidated(IMessageSigner signer, ReadingBatch batch)
    {
        var writer = new CborWriter();
        batch.WritePayload(writer);
        return CoseSign1.Sign(writer.ToArray(), signer);
    }

    private static byte[] SignRaw(IMessageSigner signer, byte[] payload) => CoseSign1.Sign(payload, signer);

    /// <summary>
    /// The typical batch's payload assembled pair by pair, so a vector can break one encoding rule
    /// that <see cref="CborWriter"/> itself refuses to produce.
    /// </summary>
    private static byte[] TypicalPayloadPairs(byte[]? bootEncoded = null, bool swapSeqAndBoot = false, bool extraKey12 = false, ulong version = 1)
    {
        ReadingBatch batch = VectorMessages.Typical();
        var pairs = new List<byte[]>
        {
            Pair(PayloadKeys.Kind, w => w.WriteUInt64(1)),
            Pair(PayloadKeys.Version, w => w.WriteUInt64(version)),
            Pair(PayloadKeys.Seq, w => w.WriteUInt64(batch.Seq)),
            Pair(PayloadKeys.Boot, w => w.WriteEncodedValue(bootEncoded ?? Item(x => x.WriteUInt32(batch.Boot)))),
            Pair(PayloadKeys.Board, w => w.WriteTextString(batch.Board)),
            Pair(PayloadKeys.Firmware, w => w.WriteTextString(batch.Firmware)),
            Pair(PayloadKeys.Flags, w => w.WriteUInt32(batch.Flags)),
            Pair(PayloadKeys.Samples, w =>
            {
                w.WriteStartArray(batch.Samples.Length);
                foreach (ReadingSample sample in batch.Samples)
                {
                    sample.WriteTo(w);
                }
            }),
        };
        if (swapSeqAndBoot)
        {
            (pairs[2], pairs[3]) = (pairs[3], pairs[2]);
        }

        if (extraKey12)
        {
            pairs.Add(Pair(12, w => w.WriteUInt64(0)));
        }

        byte[] header = Item(w => w.WriteUInt64((ulong)pairs.Count));
        header[0] |= 0xA0; // turn the count's initial byte (major 0) into a map header (major 5)
        return [.. header, .. pairs.SelectMany(p => p)];
    }

    private static byte[] Pair(int key, Action<CborWriter> writeValue) =>
        [.. Item(w => w.WriteUInt64((ulong)key)), .. Item(writeValue)];

    private static byte[] Item(Action<CborWriter> write)
    {
        var writer = new CborWriter();
        write(writer);
        return writer.ToArray();
    }

    private static void WriteBatch(Utf8JsonWriter json, string name, IMessageSigner signer, ReadingBatch batch)
    {
        byte[] payload = batch.EncodePayload();
        WriteValidHeader(json, name, "readings", signer, Topics.Readings(Base58.Encode(signer.PublicKey)), payload, CoseSign1.Sign(payload, signer));
        json.WriteStartObject("expected");
        json.WriteNumber("kind", 1);
        json.WriteNumber("version", 1);
        json.WriteNumber("seq", batch.Seq);
        json.WriteNumber("boot", batch.Boot);
        json.WriteString("board", batch.Board);
        json.WriteString("fw", batch.Firmware);
        json.WriteNumber("flags", batch.Flags);
        json.WriteStartArray("samples");
        foreach (ReadingSample s in batch.Samples)
        {
            json.WriteStartArray();
            json.WriteNumberValue(s.TimestampMs);
            json.WriteNumberValue(s.EnergyMwh);
            json.WriteNumberValue(s.PowerMw);
            json.WriteNumberValue(s.VoltageMv);
            json.WriteNumberValue(s.CurrentMa);
            json.WriteBooleanValue(s.RelayClosed);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        if (batch.Dropped > 0)
        {
            json.WriteNumber("dropped", batch.Dropped);
        }

        if (batch.DrReports is { Length: > 0 })
        {
            json.WriteStartArray("dr");
            foreach (DrReport r in batch.DrReports)
            {
                json.WriteStartArray();
                json.WriteStringValue(r.CommandId);
                json.WriteNumberValue((int)r.Outcome);
                json.WriteNumberValue(r.AtMs);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteHello(Utf8JsonWriter json, string name, IMessageSigner signer, HelloMessage hello)
    {
        byte[] payload = hello.EncodePayload();
        WriteValidHeader(json, name, "hello", signer, Topics.Hello(Base58.Encode(signer.PublicKey)), payload, CoseSign1.Sign(payload, signer));
        json.WriteStartObject("expected");
        json.WriteNumber("kind", 2);
        json.WriteNumber("version", 1);
        json.WriteNumber("boot", hello.Boot);
        json.WriteString("board", hello.Board);
        json.WriteString("fw", hello.Firmware);
        json.WriteNumber("flags", hello.Flags);
        json.WriteNumber("time", hello.TimeMs);
        json.WriteNumber("nextSeq", hello.NextSeq);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCommand(Utf8JsonWriter json, string name, IMessageSigner server, DrCommand command, byte[] target)
    {
        byte[] payload = command.EncodePayload();
        WriteValidHeader(json, name, "dr-command", server, Topics.Command(Base58.Encode(target)), payload, CoseSign1.Sign(payload, server));
        json.WriteStartObject("expected");
        json.WriteNumber("kind", 3);
        json.WriteNumber("version", 1);
        json.WriteString("commandId", command.CommandId);
        json.WriteString("deviceHex", Hex(command.Device));
        json.WriteString("deviceId", Base58.Encode(command.Device));
        json.WriteNumber("action", (int)command.Action);
        json.WriteNumber("start", command.StartMs);
        json.WriteNumber("end", command.EndMs);
        json.WriteNumber("issued", command.IssuedMs);
        json.WriteNumber("expires", command.ExpiresMs);
        json.WriteString("eventId", command.EventId);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteValidHeader(Utf8JsonWriter json, string name, string kind, IMessageSigner signer, string topic, byte[] payload, byte[] message)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("kind", kind);
        WriteSigner(json, kind == "dr-command" ? "server" : "device", kind == "dr-command" ? VectorKeys.ServerSeed : VectorKeys.DeviceSeed, signer.PublicKey);
        json.WriteString("topic", topic);
        json.WriteNumber("sizeBytes", message.Length);
        json.WriteString("payloadHex", Hex(payload));
        json.WriteString("messageHex", Hex(message));
    }

    private static void WriteSigner(Utf8JsonWriter json, string signer, byte[] seed, byte[] publicKey)
    {
        json.WriteString("signer", signer);
        json.WriteString("seedHex", Hex(seed));
        json.WriteString("publicKeyHex", Hex(publicKey));
        json.WriteString("deviceId", Base58.Encode(publicKey));
    }

    private static void WriteKey(Utf8JsonWriter json, string name, byte[] seed, byte[] publicKey)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("seedHex", Hex(seed));
        json.WriteString("publicKeyHex", Hex(publicKey));
        json.WriteString("base58", Base58.Encode(publicKey));
        json.WriteEndObject();
    }

    private static byte[] FlipBit(byte[] data, int index, int bit)
    {
        byte[] copy = (byte[])data.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
