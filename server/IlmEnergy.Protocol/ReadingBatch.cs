namespace IlmEnergy.Protocol;

/// <summary>A readings batch, payload kind 1 (docs/protocol.md §3.1).</summary>
/// <param name="Seq">Per-device batch sequence number, strictly increasing over the device's life.</param>
/// <param name="Boot">Boot counter.</param>
/// <param name="Board">Board model id, a file name in hardware/boards/ without ".json".</param>
/// <param name="Firmware">Firmware version string.</param>
/// <param name="Flags">Batch flags.</param>
/// <param name="Samples">1–120 samples in strictly increasing time order.</param>
/// <param name="Dropped">Batches the outbox discarded since the previous batch; 0 when key 8 is absent.</param>
/// <param name="DrReports">DR reports; empty when key 9 is absent.</param>
public sealed record ReadingBatch(
    long Seq,
    uint Boot,
    string Board,
    string Firmware,
    ReadingFlags Flags,
    IReadOnlyList<ReadingSample> Samples,
    long Dropped,
    IReadOnlyList<DrReport> DrReports) : ProtocolMessage
{
    public override MessageKind Kind => MessageKind.Readings;

    // Records compare lists by reference; compare contents so two decodes of the same bytes are equal.
    public bool Equals(ReadingBatch? other) =>
        other is not null && Seq == other.Seq && Boot == other.Boot && Board == other.Board
        && Firmware == other.Firmware && Flags == other.Flags && Dropped == other.Dropped
        && Samples.SequenceEqual(other.Samples) && DrReports.SequenceEqual(other.DrReports);

    public override int GetHashCode() => HashCode.Combine(Seq, Boot, Board, Samples.Count);
}
