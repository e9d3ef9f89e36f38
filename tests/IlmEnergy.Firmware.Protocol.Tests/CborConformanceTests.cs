using System.Formats.Cbor;
using FirmwareWriter = IlmEnergy.Firmware.Protocol.Cbor.CborWriter;
using FirmwareReader = IlmEnergy.Firmware.Protocol.Cbor.CborReader;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>
/// Random nested structures written by the firmware writer must be byte-identical to
/// System.Formats.Cbor's writer in Ctap2Canonical mode, accepted by its reader in Canonical and
/// Ctap2Canonical modes, and read back unchanged by the firmware reader.
/// </summary>
public class CborConformanceTests
{
    private abstract record Node;
    private sealed record UInt(ulong Value) : Node;
    private sealed record Int(long Value) : Node;
    private sealed record Bytes(byte[] Value) : Node;
    private sealed record Text(string Value) : Node;
    private sealed record Bool(bool Value) : Node;
    private sealed record Arr(Node[] Items) : Node;
    private sealed record Map((Node Key, Node Value)[] Pairs) : Node;
    private sealed record Tagged(ulong Tag, Node Content) : Node;

    private static readonly ulong[] Boundaries = [0, 1, 23, 24, 255, 256, 65535, 65536, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue];

    private static Node RandomNode(Random random, int depth)
    {
        int choice = random.Next(depth >= 4 ? 5 : 8);
        switch (choice)
        {
            case 0:
                return new UInt(random.Next(3) == 0 ? Boundaries[random.Next(Boundaries.Length)] : (ulong)random.NextInt64() >> random.Next(64));
            case 1:
                return new Int(random.Next(3) == 0 ? -(long)Math.Min(Boundaries[random.Next(Boundaries.Length)], long.MaxValue) - 1 : -random.NextInt64(long.MaxValue) >> random.Next(63));
            case 2:
                return new Bytes(RandomBytes(random, random.Next(3) == 0 ? random.Next(300) : random.Next(30)));
            case 3:
                return new Text(RandomText(random, random.Next(40)));
            case 4:
                return new Bool(random.Next(2) == 0);
            case 5:
                return new Arr(Enumerable.Range(0, random.Next(random.Next(4) == 0 ? 30 : 5)).Select(_ => RandomNode(random, depth + 1)).ToArray());
            case 6:
                {
                    // Distinct keys, sorted by their deterministic encoding as the writer's caller must.
                    // One key type per map: there RFC 8949 bytewise order equals the length-first order
                    // of the Canonical/CTAP2 modes (the protocol itself only uses unsigned keys).
                    var keys = new Dictionary<string, Node>();
                    int count = random.Next(6);
                    bool textKeys = random.Next(2) == 0;
                    while (keys.Count < count)
                    {
                        Node key = textKeys ? new Text(RandomText(random, random.Next(6))) : new UInt((ulong)random.Next(1000));
                        keys[Convert.ToHexString(Encode(key))] = key;
                    }

                    return new Map(keys.OrderBy(k => Encode(k.Value), ByteOrder.Instance)
                        .Select(k => (k.Value, RandomNode(random, depth + 1))).ToArray());
                }
            default:
                return new Tagged((ulong)random.Next(0, 100_000), RandomNode(random, depth + 1));
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        string[] pieces = ["a", "Z", "0", " ", "é", "水", "😀", "-", "ü"];
        return string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    private static byte[] Encode(Node node)
    {
        var writer = new FirmwareWriter();
        Write(writer, node);
        return writer.ToArray();
    }

    private static void Write(FirmwareWriter w, Node node)
    {
        switch (node)
        {
            case UInt u: w.WriteUInt64(u.Value); break;
            case Int i: w.WriteInt64(i.Value); break;
            case Bytes b: w.WriteByteString(b.Value); break;
            case Text t: w.WriteTextString(t.Value); break;
            case Bool b: w.WriteBool(b.Value); break;
            case Arr a:
                w.WriteStartArray(a.Items.Length);
                foreach (Node item in a.Items)
                {
                    Write(w, item);
                }

                break;
            case Map m:
                w.WriteStartMap(m.Pairs.Length);
                foreach ((Node key, Node value) in m.Pairs)
                {
                    Write(w, key);
                    Write(w, value);
                }

                break;
            case Tagged t:
                w.WriteTag(t.Tag);
                Write(w, t.Content);
                break;
        }
    }

    private static void WriteReference(System.Formats.Cbor.CborWriter w, Node node)
    {
        switch (node)
        {
            case UInt u: w.WriteUInt64(u.Value); break;
            case Int i: w.WriteInt64(i.Value); break;
            case Bytes b: w.WriteByteString(b.Value); break;
            case Text t: w.WriteTextString(t.Value); break;
            case Bool b: w.WriteBoolean(b.Value); break;
            case Arr a:
                w.WriteStartArray(a.Items.Length);
                foreach (Node item in a.Items)
                {
                    WriteReference(w, item);
                }

                w.WriteEndArray();
                break;
            case Map m:
                w.WriteStartMap(m.Pairs.Length);
                foreach ((Node key, Node value) in m.Pairs)
                {
                    WriteReference(w, key);
                    WriteReference(w, value);
                }

                w.WriteEndMap();
                break;
            case Tagged t:
                w.WriteTag((CborTag)t.Tag);
                WriteReference(w, t.Content);
                break;
        }
    }

    // Reads a node of the known shape back with the firmware reader and checks every value.
    private static void ReadAndCompare(FirmwareReader r, Node node)
    {
        switch (node)
        {
            case UInt u: Assert.Equal(u.Value, r.ReadUInt64()); break;
            case Int i: Assert.Equal(i.Value, r.ReadInt64()); break;
            case Bytes b: Assert.Equal(b.Value, r.ReadByteString()); break;
            case Text t: Assert.Equal(t.Value, r.ReadTextString()); break;
            case Bool b: Assert.Equal(b.Value, r.ReadBool()); break;
            case Arr a:
                Assert.Equal(a.Items.Length, r.ReadStartArray());
                foreach (Node item in a.Items)
                {
                    ReadAndCompare(r, item);
                }

                break;
            case Map m:
                Assert.Equal(m.Pairs.Length, r.ReadStartMap());
                foreach ((Node key, Node value) in m.Pairs)
                {
                    ReadAndCompare(r, key);
                    ReadAndCompare(r, value);
                }

                break;
            case Tagged t:
                Assert.Equal(t.Tag, r.ReadTag());
                ReadAndCompare(r, t.Content);
                break;
        }
    }

    [Fact]
    public void RandomStructuresMatchSystemFormatsCbor()
    {
        var random = new Random(20260101);
        for (int round = 0; round < 2000; round++)
        {
            Node node = RandomNode(random, 0);
            byte[] ours = Encode(node);

            // CTAP2 forbids tags, so tagged structures are compared in Canonical mode only.
            bool hasTag = ContainsTag(node);
            CborConformanceMode[] modes = hasTag
                ? [CborConformanceMode.Canonical]
                : [CborConformanceMode.Canonical, CborConformanceMode.Ctap2Canonical];

            var reference = new System.Formats.Cbor.CborWriter(modes[^1]);
            WriteReference(reference, node);
            Assert.Equal(Hex.Of(reference.Encode()), Hex.Of(ours));

            foreach (CborConformanceMode mode in modes)
            {
                var strict = new System.Formats.Cbor.CborReader(ours, mode);
                strict.SkipValue();
                Assert.Equal(0, strict.BytesRemaining);
            }

            var reader = new FirmwareReader(ours, 0, ours.Length, 8);
            ReadAndCompare(reader, node);
            reader.ExpectEnd();
        }
    }

    private static bool ContainsTag(Node node) => node switch
    {
        Tagged => true,
        Arr a => a.Items.Any(ContainsTag),
        Map m => m.Pairs.Any(p => ContainsTag(p.Key) || ContainsTag(p.Value)),
        _ => false,
    };

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => FirmwareWriter.CompareBytes(x!, y!);
    }
}
