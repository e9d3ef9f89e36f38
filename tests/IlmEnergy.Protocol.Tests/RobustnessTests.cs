using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NSec.Cryptography;
using static IlmEnergy.Protocol.Tests.Decoding;

namespace IlmEnergy.Protocol.Tests;

/// <summary>
/// Decode never throws and accepts only untouched valid messages: every single-bit flip, every
/// truncation, random bytes, random mutations and oversized input.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly Key DeviceKey = TestEncoder.NewKey(0x5A);
    private static readonly byte[] Valid = TestEncoder.SignedReadings(DeviceKey);

    [Fact]
    public void Every_single_bit_flip_of_a_valid_message_is_rejected()
    {
        Assert.True(Decode(Valid).IsAccepted);
        var reasons = new Dictionary<RejectReason, int>();
        for (int bit = 0; bit < Valid.Length * 8; bit++)
        {
            var flipped = (byte[])Valid.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = Decode(flipped);
            Assert.False(result.IsAccepted, $"bit {bit} flipped was accepted");
            reasons[result.Rejection.Value.Reason] = reasons.GetValueOrDefault(result.Rejection.Value.Reason) + 1;
        }
        Assert.Equal(Valid.Length * 8, reasons.Values.Sum());
        // Flips in the payload and signature dominate: they must be caught by the signature.
        Assert.True(reasons[RejectReason.BadSignature] > Valid.Length * 8 / 2, string.Join(", ", reasons));
    }

    [Fact]
    public void Every_truncation_is_rejected_as_malformed()
    {
        for (int length = 0; length < Valid.Length; length++)
        {
            var result = Decode(Valid[..length]);
            Assert.False(result.IsAccepted);
            Assert.Equal(RejectReason.MalformedCbor, result.Rejection.Value.Reason);
        }
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_pass()
    {
        var random = new Random(20261124);
        for (int n = 0; n < 20_000; n++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            // Bias some inputs towards our envelope so the deeper stages are reached too.
            if (n % 2 == 0 && bytes.Length > 2)
                (bytes[0], bytes[1]) = ((byte)0xD2, (byte)0x84);
            var result = Decode(bytes);
            Assert.False(result.IsAccepted);
        }
    }

    [Fact]
    public void Random_mutations_of_a_valid_message_pass_only_when_the_bytes_are_unchanged()
    {
        var random = new Random(42);
        int rejected = 0;
        for (int n = 0; n < 20_000; n++)
        {
            var mutated = Mutate(Valid, random);
            var result = Decode(mutated);
            if (result.IsAccepted)
                Assert.Equal(Valid, mutated);
            else
                rejected++;
        }
        Assert.True(rejected > 19_000, $"only {rejected} rejected");
    }

    [Fact]
    public void Random_mutations_of_a_signed_payload_are_accepted_only_when_deterministic()
    {
        // Mutate the payload and re-sign it, so the payload decoder (behind the signature) is fuzzed too.
        // Oracle for every accepted payload: System.Formats.Cbor in Canonical mode agrees it is one
        // deterministic item, and re-encoding the decoded batch gives back the exact bytes.
        var random = new Random(7);
        var payload = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        var reasons = new HashSet<RejectReason>();
        int accepted = 0;
        for (int n = 0; n < 6_000; n++)
        {
            var mutated = Mutate(payload, random);
            var result = Decode(TestEncoder.Sign(mutated, DeviceKey));
            if (result.IsAccepted)
            {
                accepted++;
                var reader = new System.Formats.Cbor.CborReader(mutated, System.Formats.Cbor.CborConformanceMode.Canonical);
                reader.SkipValue();
                Assert.Equal(0, reader.BytesRemaining);
                Assert.Equal(mutated, PayloadEncoder.Encode(Assert.IsType<ReadingBatch>(result.Message)));
            }
            else
            {
                reasons.Add(result.Rejection.Value.Reason);
                if (result.Rejection.Value.Reason != RejectReason.MalformedCbor)
                {
                    // Anything not called malformed must indeed be well-formed deterministic CBOR.
                    var reader = new System.Formats.Cbor.CborReader(mutated, System.Formats.Cbor.CborConformanceMode.Canonical);
                    reader.SkipValue();
                    Assert.Equal(0, reader.BytesRemaining);
                }
            }
        }
        Assert.Contains(RejectReason.MalformedCbor, reasons);
        Assert.Contains(RejectReason.SchemaViolation, reasons);
        Assert.DoesNotContain(RejectReason.BadSignature, reasons);
        Assert.True(accepted > 50, $"only {accepted} mutated payloads were still valid");
    }

    [Fact]
    public void Malformed_payload_verdicts_agree_with_System_Formats_Cbor()
    {
        // Whenever the decoder calls a signed payload malformed, CborReader (Canonical) refuses it too.
        var random = new Random(11);
        var payload = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        for (int n = 0; n < 6_000; n++)
        {
            var mutated = Mutate(payload, random);
            var result = Decode(TestEncoder.Sign(mutated, DeviceKey));
            if (result.Rejection?.Reason != RejectReason.MalformedCbor)
                continue;
            Assert.ThrowsAny<Exception>(() =>
            {
                var reader = new System.Formats.Cbor.CborReader(mutated, System.Formats.Cbor.CborConformanceMode.Canonical);
                reader.SkipValue();
                if (reader.BytesRemaining != 0)
                    throw new InvalidDataException("trailing bytes");
            });
        }
    }

    [Fact]
    public void Oversized_inputs_are_rejected_before_parsing()
    {
        var random = new Random(3);
        foreach (int size in new[] { 4097, 5000, 65_536, 1 << 20 })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            Assert.Equal(RejectReason.MessageTooLarge, Decode(bytes).Rejection?.Reason);
            var padded = new byte[size];
            Valid.CopyTo(padded, 0);
            Assert.Equal(RejectReason.MessageTooLarge, Decode(padded).Rejection?.Reason);
        }
    }

    [Fact]
    public void Deeply_nested_input_is_rejected_without_stack_overflow()
    {
        // Moderate nesting is well-formed but not COSE; beyond CborReader's depth limit (64) it is malformed.
        var shallow = Enumerable.Repeat((byte)0x81, 60).Append((byte)0x00).ToArray();
        Assert.Equal(RejectReason.NotCoseSign1, Decode(shallow).Rejection?.Reason);
        var deep = Enumerable.Repeat((byte)0x81, 4095).Append((byte)0x00).ToArray();
        Assert.Equal(RejectReason.MalformedCbor, Decode(deep).Rejection?.Reason);
        var unclosed = Enumerable.Repeat((byte)0x9F, 4096).ToArray();
        Assert.Equal(RejectReason.MalformedCbor, Decode(unclosed).Rejection?.Reason);
    }

    [Property(MaxTest = 5_000)]
    public bool FsCheck_arbitrary_bytes_are_never_accepted(byte[] bytes) => !Decode(bytes).IsAccepted;

    [Property(MaxTest = 5_000)]
    public Property FsCheck_changed_bytes_of_a_valid_message_are_never_accepted(NonNegativeInt position, byte value)
    {
        int index = position.Get % Valid.Length;
        var changed = (byte[])Valid.Clone();
        changed[index] = value;
        return (Decode(changed).IsAccepted == (value == Valid[index])).Label($"byte {index} = 0x{value:X2}");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                default: if (bytes.Count > 1) bytes.RemoveAt(at); break;
            }
        }
        return [.. bytes];
    }
}
