using IlmEnergy.Firmware.Protocol.Messages;
using IlmEnergy.VectorGen;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>The readings and hello schemas of docs/protocol.md §3.1–3.2, enforced on encode and decode.</summary>
public class ReadingBatchTests
{
    private static ReasonCode EncodeFails(ReadingBatch batch) =>
        Assert.Throws<ProtocolException>(() => batch.EncodePayload()).Reason;

    [Fact]
    public void EncodeDecodeRoundTripKeepsEveryField()
    {
        ReadingBatch sent = VectorMessages.WithDrReports();
        ReadingBatch got = ReadingBatch.DecodePayload(sent.EncodePayload());
        Assert.Equal(sent.Seq, got.Seq);
        Assert.Equal(sent.Boot, got.Boot);
        Assert.Equal(sent.Board, got.Board);
        Assert.Equal(sent.Firmware, got.Firmware);
        Assert.Equal(sent.Flags, got.Flags);
        Assert.Equal(sent.Dropped, got.Dropped);
        Assert.Equal(sent.Samples.Length, got.Samples.Length);
        for (int i = 0; i < sent.Samples.Length; i++)
        {
            Assert.Equivalent(sent.Samples[i], got.Samples[i]);
        }

        Assert.Equivalent(sent.DrReports, got.DrReports);
    }

    [Fact]
    public void PayloadStartsWithKindAndVersionAndOmitsEmptyOptionalKeys()
    {
        byte[] payload = VectorMessages.Typical().EncodePayload();
        Assert.StartsWith("a8" + "0001" + "0101", Hex.Of(payload)); // 8 pairs: no key 8, no key 9
        Assert.StartsWith("aa" + "0001" + "0101", Hex.Of(VectorMessages.WithDrReports().EncodePayload()));
    }

    [Fact]
    public void SchemaRulesOnEncode()
    {
        ReadingBatch b = VectorMessages.Typical();
        b.Samples = [];
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));

        b = VectorMessages.Typical();
        b.Flags = 0x80;
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));

        b = VectorMessages.Typical();
        b.Board = "Sonoff-S31";
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));

        b = VectorMessages.Typical();
        b.Board = new string('a', 33);
        Assert.Equal(ReasonCode.LimitExceeded, EncodeFails(b));

        b = VectorMessages.Typical();
        b.Firmware = "0.1\n";
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));

        b = VectorMessages.Typical();
        b.Seq = ulong.MaxValue;
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));

        b = VectorMessages.WithDrReports();
        b.DrReports = Enumerable.Range(0, 17).Select(i => new DrReport("c" + i, DrOutcome.Scheduled, 1)).ToArray();
        Assert.Equal(ReasonCode.LimitExceeded, EncodeFails(b));

        b = VectorMessages.WithDrReports();
        b.DrReports[0].CommandId = new string('x', 65);
        Assert.Equal(ReasonCode.LimitExceeded, EncodeFails(b));
    }

    [Fact]
    public void CounterResetAllowsExactlyOneDecrease()
    {
        ReadingBatch b = VectorMessages.Typical();
        b.Samples[3].EnergyMwh = 10;
        b.Samples[4].EnergyMwh = 20;
        b.Samples[5].EnergyMwh = 30;
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));

        b.Flags = BatchFlags.CounterReset;
        Assert.NotEmpty(b.EncodePayload());

        b.Samples[5].EnergyMwh = 5; // a second decrease
        Assert.Equal(ReasonCode.SchemaViolation, EncodeFails(b));
    }

    [Fact]
    public void HelloRoundTripAndKindMismatch()
    {
        HelloMessage sent = VectorMessages.Hello();
        byte[] payload = sent.EncodePayload();
        Assert.Equivalent(sent, HelloMessage.DecodePayload(payload));
        Assert.Equal(ReasonCode.UnexpectedKind, Assert.Throws<ProtocolException>(() => ReadingBatch.DecodePayload(payload)).Reason);
    }
}
