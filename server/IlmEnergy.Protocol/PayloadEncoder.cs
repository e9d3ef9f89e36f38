using System.Formats.Cbor;

namespace IlmEnergy.Protocol;

/// <summary>
/// Encodes payloads in the deterministic form of docs/protocol.md §3 (keys ascending, shortest forms,
/// optional keys omitted when empty), byte-identical to what the firmware produces for the same values.
/// </summary>
public static class PayloadEncoder
{
    public static byte[] Encode(ReadingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int entries = 8 + (batch.Dropped > 0 ? 1 : 0) + (batch.DrReports.Count > 0 ? 1 : 0);
        var writer = StartPayload(MessageKind.Readings, entries);
        writer.WriteUInt64(2); writer.WriteInt64(batch.Seq);
        writer.WriteUInt64(3); writer.WriteUInt32(batch.Boot);
        writer.WriteUInt64(4); writer.WriteTextString(batch.Board);
        writer.WriteUInt64(5); writer.WriteTextString(batch.Firmware);
        writer.WriteUInt64(6); writer.WriteUInt32((uint)batch.Flags);
        writer.WriteUInt64(7);
        writer.WriteStartArray(batch.Samples.Count);
        foreach (var s in batch.Samples)
        {
            writer.WriteStartArray(6);
            writer.WriteInt64(s.TimestampMs);
            writer.WriteInt64(s.EnergyMwh);
            writer.WriteInt32(s.PowerMw);
            writer.WriteUInt32(s.VoltageMv);
            writer.WriteUInt32(s.CurrentMa);
            writer.WriteBoolean(s.RelayClosed);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        if (batch.Dropped > 0)
        {
            writer.WriteUInt64(8); writer.WriteInt64(batch.Dropped);
        }
        if (batch.DrReports.Count > 0)
        {
            writer.WriteUInt64(9);
            writer.WriteStartArray(batch.DrReports.Count);
            foreach (var r in batch.DrReports)
            {
                writer.WriteStartArray(3);
                writer.WriteTextString(r.CommandId);
                writer.WriteInt32((int)r.Outcome);
                writer.WriteInt64(r.AtMs);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Encode(HelloMessage hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var writer = StartPayload(MessageKind.Hello, 8);
        writer.WriteUInt64(3); writer.WriteUInt32(hello.Boot);
        writer.WriteUInt64(4); writer.WriteTextString(hello.Board);
        writer.WriteUInt64(5); writer.WriteTextString(hello.Firmware);
        writer.WriteUInt64(6); writer.WriteUInt32((uint)hello.Flags);
        writer.WriteUInt64(10); writer.WriteInt64(hello.DeviceTimeMs);
        writer.WriteUInt64(11); writer.WriteInt64(hello.NextSeq);
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Encode(DrCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var writer = StartPayload(MessageKind.DrCommand, 10);
        writer.WriteUInt64(20); writer.WriteTextString(command.CommandId);
        writer.WriteUInt64(21); writer.WriteByteString(command.Device.PublicKey);
        writer.WriteUInt64(22); writer.WriteInt32((int)command.Action);
        writer.WriteUInt64(23); writer.WriteInt64(command.StartMs);
        writer.WriteUInt64(24); writer.WriteInt64(command.EndMs);
        writer.WriteUInt64(25); writer.WriteInt64(command.IssuedMs);
        writer.WriteUInt64(26); writer.WriteInt64(command.ExpiresMs);
        writer.WriteUInt64(27); writer.WriteTextString(command.EventId);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static CborWriter StartPayload(MessageKind kind, int entries)
    {
        // Canonical mode makes the writer refuse anything non-deterministic (see CborRules.Mode).
        var writer = new CborWriter(CborRules.Mode);
        writer.WriteStartMap(entries);
        writer.WriteUInt64(0); writer.WriteInt32((int)kind);
        writer.WriteUInt64(1); writer.WriteInt32(ProtocolLimits.FormatVersion);
        return writer;
    }
}
