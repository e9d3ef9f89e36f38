using NSec.Cryptography;
using static IlmEnergy.Protocol.Tests.Decoding;

namespace IlmEnergy.Protocol.Tests;

/// <summary>Hello schema rules, and results that depend only on the message (never on order or threads).</summary>
public sealed class HelloAndOrderTests
{
    private static readonly Key DeviceKey = TestEncoder.NewKey(0x21);

    private static byte[] Hello(Action<SortedDictionary<ulong, object>> change)
    {
        var payload = TestEncoder.HelloPayload();
        change(payload);
        return TestEncoder.Sign(TestEncoder.EncodePayload(payload), DeviceKey);
    }

    [Fact]
    public void Hello_schema_rules()
    {
        Assert.IsType<HelloMessage>(Decode(Hello(_ => { })).Message);
        AssertRejected("SchemaViolation", Hello(p => p.Remove(10)));
        AssertRejected("SchemaViolation", Hello(p => p.Remove(11)));
        AssertRejected("SchemaViolation", Hello(p => p[2] = 5UL));           // seq belongs to readings
        AssertRejected("SchemaViolation", Hello(p => p[6] = 0x100UL));       // reserved flag bit
        AssertRejected("SchemaViolation", Hello(p => p[4] = "board/../x"));
        AssertRejected("LimitExceeded", Hello(p => p[11] = 1UL << 63));
        AssertRejected("LimitExceeded", Hello(p => p[3] = 1UL << 32));
        AssertRejected("UnsupportedVersion", Hello(p => p[1] = 3UL));
    }

    [Fact]
    public void Results_do_not_depend_on_order_or_concurrency()
    {
        var random = new Random(99);
        var messages = new List<byte[]>();
        for (int n = 0; n < 400; n++)
        {
            var key = TestEncoder.NewKey((byte)(n % 7 + 1));
            var message = TestEncoder.SignedReadings(key, 1 + n % 10);
            if (n % 3 == 1)
                message[random.Next(message.Length)] ^= (byte)(1 << random.Next(8));
            messages.Add(message);
        }
        string Describe(DecodeResult r) => r.IsAccepted ? $"ok {r.Signer} {((ReadingBatch)r.Message).Samples.Count}" : r.Rejection.ToString()!;

        var sequential = messages.Select(m => Describe(new UplinkDecoder().Decode(m))).ToArray();
        var shared = new UplinkDecoder();
        var reversed = Enumerable.Range(0, messages.Count).Reverse().ToDictionary(i => i, i => Describe(shared.Decode(messages[i])));
        var parallel = new string[messages.Count];
        Parallel.For(0, messages.Count, i => parallel[i] = Describe(shared.Decode(messages[i])));

        Assert.Equal(sequential, parallel);
        Assert.Equal(sequential, Enumerable.Range(0, messages.Count).Select(i => reversed[i]));
        Assert.Contains(sequential, s => s.StartsWith("ok", StringComparison.Ordinal));
        Assert.Contains(sequential, s => !s.StartsWith("ok", StringComparison.Ordinal));
    }
}
