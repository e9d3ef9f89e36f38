using System.Reflection;
using System.Text.Json.Nodes;
using IlmEnergy.Firmware.Protocol.Cose;
using IlmEnergy.Firmware.Protocol.Messages;
using IlmEnergy.VectorGen;
using NSec.Cryptography;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>
/// tests/vectors/uplink-v1.json: unchanged since generation, every valid message verifies and decodes
/// to its expected fields, and every invalid one is rejected with its expected reason.
/// </summary>
public class UplinkVectorFileTests
{
    private static readonly string RepoRoot = typeof(UplinkVectorFileTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static string FilePath => Path.Combine(RepoRoot, UplinkVectors.RelativePath);

    private static JsonNode Vectors => JsonNode.Parse(File.ReadAllText(FilePath))!;

    [Fact]
    public void CheckedInFileIsByteIdenticalToTheEncodersOutput()
    {
        // On failure: dotnet run --project tests/IlmEnergy.VectorGen -- --write (and review the diff).
        Assert.Equal(UplinkVectors.Build(), File.ReadAllText(FilePath));
    }

    [Fact]
    public void HasTheRequiredVectors()
    {
        JsonNode v = Vectors;
        string[] valid = v["valid"]!.AsArray().Select(n => (string)n!["name"]!).ToArray();
        string[] invalid = v["invalid"]!.AsArray().Select(n => (string)n!["name"]!).ToArray();
        Assert.Equal(6, valid.Length);
        Assert.Equal(15, invalid.Length);
        Assert.Contains(v["valid"]!.AsArray(), n => n!["expected"]!["samples"]?.AsArray().Count == 120);
        Assert.Contains(v["valid"]!.AsArray(), n => n!["expected"]!["samples"]?.AsArray().Count == 1);
    }

    [Fact]
    public void ValidMessagesVerifyWithNSecAndDecodeToTheExpectedFields()
    {
        foreach (JsonNode vector in Vectors["valid"]!.AsArray().Select(n => n!))
        {
            string name = (string)vector["name"]!;
            byte[] message = Hex.Bytes((string)vector["messageHex"]!);
            byte[] publicKey = Hex.Bytes((string)vector["publicKeyHex"]!);
            Assert.Equal((int)vector["sizeBytes"]!, message.Length);

            using (var key = Key.Import(SignatureAlgorithm.Ed25519, Hex.Bytes((string)vector["seedHex"]!), KeyBlobFormat.RawPrivateKey))
            {
                Assert.Equal(publicKey, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            }

            Assert.Equal(SimpleBase.Base58.Bitcoin.Encode(publicKey), (string)vector["deviceId"]!);

            CoseSign1Message decoded = CoseSign1.DecodeAndVerify(message, new NSecVerifier());
            Assert.Equal(publicKey, decoded.KeyId);
            Assert.Equal((string)vector["payloadHex"]!, Hex.Of(decoded.Payload));

            JsonNode actual = (string)vector["kind"]! switch
            {
                "readings" => Describe(ReadingBatch.DecodePayload(decoded.Payload)),
                "hello" => Describe(HelloMessage.DecodePayload(decoded.Payload)),
                "dr-command" => Describe(DrCommand.DecodePayload(decoded.Payload)),
                _ => throw new InvalidOperationException(name),
            };
            Assert.True(JsonNode.DeepEquals(vector["expected"], actual), $"{name}: expected {vector["expected"]!.ToJsonString()} got {actual.ToJsonString()}");
        }
    }

    [Fact]
    public void InvalidMessagesAreRejectedWithTheExpectedReason()
    {
        foreach (JsonNode vector in Vectors["invalid"]!.AsArray().Select(n => n!))
        {
            string name = (string)vector["name"]!;
            byte[] message = Hex.Bytes((string)vector["messageHex"]!);
            ReasonCode expected = Enum.Parse<ReasonCode>((string)vector["expectedReason"]!);
            Assert.Equal((int)expected, (int)vector["expectedReasonCode"]!);
            Assert.True(expected == Receive(message), $"{name}: expected {expected}, got {Receive(message)}");
        }
    }

    /// <summary>The decode stage of docs/protocol.md §5 for a readings topic.</summary>
    private static ReasonCode Receive(byte[] message)
    {
        try
        {
            CoseSign1Message envelope = CoseSign1.DecodeAndVerify(message, new NSecVerifier());
            ReadingBatch.DecodePayload(envelope.Payload);
            return ReasonCode.None;
        }
        catch (ProtocolException e)
        {
            return e.Reason;
        }
    }

    private static JsonObject Describe(ReadingBatch b)
    {
        var o = new JsonObject
        {
            ["kind"] = 1, ["version"] = 1, ["seq"] = b.Seq, ["boot"] = b.Boot, ["board"] = b.Board, ["fw"] = b.Firmware, ["flags"] = b.Flags,
            ["samples"] = new JsonArray(b.Samples.Select(s => (JsonNode)new JsonArray(s.TimestampMs, s.EnergyMwh, s.PowerMw, s.VoltageMv, s.CurrentMa, s.RelayClosed)).ToArray()),
        };
        if (b.Dropped > 0)
        {
            o["dropped"] = b.Dropped;
        }

        if (b.DrReports is { Length: > 0 })
        {
            o["dr"] = new JsonArray(b.DrReports.Select(r => (JsonNode)new JsonArray(r.CommandId, (int)r.Outcome, r.AtMs)).ToArray());
        }

        return o;
    }

    private static JsonObject Describe(HelloMessage h) => new()
    {
        ["kind"] = 2, ["version"] = 1, ["boot"] = h.Boot, ["board"] = h.Board, ["fw"] = h.Firmware, ["flags"] = h.Flags, ["time"] = h.TimeMs, ["nextSeq"] = h.NextSeq,
    };

    private static JsonObject Describe(DrCommand c) => new()
    {
        ["kind"] = 3, ["version"] = 1, ["commandId"] = c.CommandId, ["deviceHex"] = Hex.Of(c.Device),
        ["deviceId"] = SimpleBase.Base58.Bitcoin.Encode(c.Device), ["action"] = (int)c.Action, ["start"] = c.StartMs, ["end"] = c.EndMs,
        ["issued"] = c.IssuedMs, ["expires"] = c.ExpiresMs, ["eventId"] = c.EventId,
    };
}
