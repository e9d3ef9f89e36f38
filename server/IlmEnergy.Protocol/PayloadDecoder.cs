namespace IlmEnergy.Protocol;

/// <summary>
/// Payload stage of docs/protocol.md §3: one deterministic CBOR map with unsigned-integer keys, kind (0)
/// and version (1) first, then the kind's schema. Unknown keys, missing required keys, wrong types,
/// non-increasing timestamps, a decreasing energy counter (beyond what <c>CounterReset</c> allows) and
/// reserved flag bits are <c>SchemaViolation</c>; values beyond numeric or count bounds are
/// <c>LimitExceeded</c>. Containers have definite lengths, and the decoder reads exactly the declared
/// number of items, so no end markers are needed.
/// </summary>
internal static class PayloadDecoder
{
    private static class Keys
    {
        public const ulong Kind = 0, Version = 1;
        public const ulong Seq = 2, Boot = 3, Board = 4, Firmware = 5, Flags = 6, Samples = 7, Dropped = 8, DrReports = 9;
        public const ulong Time = 10, NextSeq = 11;
        public const ulong CommandId = 20, Device = 21, Action = 22, Start = 23, End = 24, Issued = 25, Expires = 26, EventId = 27;
    }

    private const int SampleItems = 6;
    private const int DrReportItems = 3;

    public static bool TryDecode(ReadOnlyMemory<byte> payload, MessageKinds accepted, out ProtocolMessage? message, out Rejection rejection)
    {
        message = null;
        rejection = default;
        try
        {
            var reader = new PayloadReader(payload);
            message = ReadMessage(reader, accepted);
            if (reader.BytesRemaining != 0)
                throw new PayloadRejectedException(RejectReason.MalformedCbor, $"{reader.BytesRemaining} byte(s) after the payload map");
            return true;
        }
        catch (PayloadRejectedException e)
        {
            rejection = e.Rejection;
        }
        // Malformed or non-deterministic bytes anywhere in the payload take precedence over a schema
        // problem found before the reader reached them. Checked only on this (rare) path.
        if (rejection.Reason != RejectReason.MalformedCbor && !CborRules.IsSingleDeterministicItem(payload, out string problem))
            rejection = new(RejectReason.MalformedCbor, "payload: " + problem);
        message = null;
        return false;
    }

    private static ProtocolMessage ReadMessage(PayloadReader reader, MessageKinds accepted)
    {
        int entries = reader.ReadMapStart("payload");
        if (entries < 2)
            throw PayloadReader.Schema("payload must start with keys 0 (kind) and 1 (version)");
        if (reader.ReadKey() != Keys.Kind)
            throw PayloadReader.Schema("the first payload key must be 0 (kind)");
        ulong kind = reader.ReadUInt("kind");
        if (reader.ReadKey() != Keys.Version)
            throw PayloadReader.Schema("the second payload key must be 1 (version)");
        ulong version = reader.ReadUInt("version");

        // Version first: a later version may define new kinds.
        if (version != ProtocolLimits.FormatVersion)
            throw new PayloadRejectedException(RejectReason.UnsupportedVersion, $"format version {version}; this receiver knows only {ProtocolLimits.FormatVersion}");
        if (kind is < 1 or > 3)
            throw new PayloadRejectedException(RejectReason.UnexpectedKind, $"unknown kind {kind}");
        var messageKind = (MessageKind)kind;
        if (!accepted.HasFlag((MessageKinds)(1 << (int)messageKind)))
            throw new PayloadRejectedException(RejectReason.UnexpectedKind, $"kind {kind} ({messageKind}) is not accepted here (accepted: {accepted})");

        int remaining = entries - 2;
        ProtocolMessage message = messageKind switch
        {
            MessageKind.Readings => ReadReadings(reader, remaining),
            MessageKind.Hello => ReadHello(reader, remaining),
            _ => ReadDrCommand(reader, remaining),
        };
        return message;
    }

    private static ReadingBatch ReadReadings(PayloadReader reader, int entries)
    {
        long? seq = null, boot = null;
        string? board = null, firmware = null;
        ReadingFlags? flags = null;
        ReadingSample[]? samples = null;
        long dropped = 0;
        DrReport[] reports = [];
        for (int n = 0; n < entries; n++)
        {
            ulong key = reader.ReadKey();
            switch (key)
            {
                case Keys.Seq: seq = reader.ReadUInt63("seq"); break;
                case Keys.Boot: boot = reader.ReadUInt32("boot"); break;
                case Keys.Board: board = ReadBoard(reader); break;
                case Keys.Firmware: firmware = ReadFirmware(reader); break;
                case Keys.Flags: flags = ReadFlags(reader); break;
                case Keys.Samples: samples = ReadSamples(reader); break;
                case Keys.Dropped:
                    dropped = reader.ReadUInt63("dropped");
                    if (dropped == 0)
                        throw PayloadReader.Schema("dropped must be omitted when 0");
                    break;
                case Keys.DrReports: reports = ReadDrReports(reader); break;
                default: throw UnknownKey(key, MessageKind.Readings);
            }
        }

        var batch = new ReadingBatch(
            Required(seq, "seq", Keys.Seq), (uint)Required(boot, "boot", Keys.Boot),
            board ?? throw Missing("board", Keys.Board), firmware ?? throw Missing("fw", Keys.Firmware),
            Required(flags, "flags", Keys.Flags), samples ?? throw Missing("samples", Keys.Samples),
            dropped, reports);
        CheckSampleOrder(batch);
        return batch;
    }

    private static HelloMessage ReadHello(PayloadReader reader, int entries)
    {
        long? boot = null, time = null, nextSeq = null;
        string? board = null, firmware = null;
        ReadingFlags? flags = null;
        for (int n = 0; n < entries; n++)
        {
            ulong key = reader.ReadKey();
            switch (key)
            {
                case Keys.Boot: boot = reader.ReadUInt32("boot"); break;
                case Keys.Board: board = ReadBoard(reader); break;
                case Keys.Firmware: firmware = ReadFirmware(reader); break;
                case Keys.Flags: flags = ReadFlags(reader); break;
                case Keys.Time: time = reader.ReadTimestamp("time"); break;
                case Keys.NextSeq: nextSeq = reader.ReadUInt63("next seq"); break;
                default: throw UnknownKey(key, MessageKind.Hello);
            }
        }
        return new HelloMessage(
            (uint)Required(boot, "boot", Keys.Boot), board ?? throw Missing("board", Keys.Board),
            firmware ?? throw Missing("fw", Keys.Firmware), Required(flags, "flags", Keys.Flags),
            Required(time, "time", Keys.Time), Required(nextSeq, "next seq", Keys.NextSeq));
    }

    private static DrCommand ReadDrCommand(PayloadReader reader, int entries)
    {
        string? commandId = null, eventId = null;
        DeviceId? device = null;
        DrAction? action = null;
        long? start = null, end = null, issued = null, expires = null;
        for (int n = 0; n < entries; n++)
        {
            ulong key = reader.ReadKey();
            switch (key)
            {
                case Keys.CommandId: commandId = reader.ReadText("command id", ProtocolLimits.MaxIdBytes); break;
                case Keys.Device: device = DeviceId.FromPublicKey(reader.ReadBytes("device", ProtocolLimits.KeyBytes).Span); break;
                case Keys.Action:
                    ulong value = reader.ReadUInt("action");
                    action = value is 1 or 2 ? (DrAction)value : throw PayloadReader.Schema($"action {value} is neither 1 (curtail) nor 2 (cancel)");
                    break;
                case Keys.Start: start = reader.ReadTimestamp("start"); break;
                case Keys.End: end = reader.ReadTimestamp("end"); break;
                case Keys.Issued: issued = reader.ReadTimestamp("issued"); break;
                case Keys.Expires: expires = reader.ReadTimestamp("expires"); break;
                case Keys.EventId: eventId = reader.ReadText("event id", ProtocolLimits.MaxIdBytes); break;
                default: throw UnknownKey(key, MessageKind.DrCommand);
            }
        }
        var command = new DrCommand(
            commandId ?? throw Missing("command id", Keys.CommandId), device ?? throw Missing("device", Keys.Device),
            Required(action, "action", Keys.Action), Required(start, "start", Keys.Start), Required(end, "end", Keys.End),
            Required(issued, "issued", Keys.Issued), Required(expires, "expires", Keys.Expires),
            eventId ?? throw Missing("event id", Keys.EventId));
        if (command.EndMs <= command.StartMs)
            throw PayloadReader.Schema($"end ({command.EndMs}) must be after start ({command.StartMs})");
        if (command.EndMs - command.StartMs > ProtocolLimits.MaxDrWindowMs)
            throw PayloadReader.Limit($"window of {command.EndMs - command.StartMs} ms exceeds 4 h");
        return command;
    }

    private static ReadingSample[] ReadSamples(PayloadReader reader)
    {
        int count = reader.ReadArrayStart("samples", 1, ProtocolLimits.MaxSamplesPerBatch);
        var samples = new ReadingSample[count];
        for (int s = 0; s < count; s++)
        {
            reader.ReadTuple("sample", s, SampleItems);
            samples[s] = new ReadingSample(
                TimestampMs: reader.ReadTimestamp("t"),
                EnergyMwh: reader.ReadUInt63("e"),
                PowerMw: reader.ReadInt32("p"),
                VoltageMv: reader.ReadUInt32("v"),
                CurrentMa: reader.ReadUInt32("i"),
                RelayClosed: reader.ReadBool("relay"));
        }
        return samples;
    }

    private static DrReport[] ReadDrReports(PayloadReader reader)
    {
        int count = reader.ReadArrayStart("dr", 1, ProtocolLimits.MaxDrReportsPerBatch);
        var reports = new DrReport[count];
        for (int r = 0; r < count; r++)
        {
            reader.ReadTuple("dr report", r, DrReportItems);
            string commandId = reader.ReadText("dr command id", ProtocolLimits.MaxIdBytes);
            ulong outcome = reader.ReadUInt("dr outcome");
            if (outcome is < 1 or > 8)
                throw PayloadReader.Schema($"dr outcome {outcome} is not defined (1..8)");
            reports[r] = new DrReport(commandId, (DrOutcome)outcome, reader.ReadTimestamp("dr at"));
        }
        return reports;
    }

    // Board ids name files in hardware/boards/, so only [a-z0-9._-].
    private static string ReadBoard(PayloadReader reader) =>
        reader.ReadText("board", ProtocolLimits.MaxBoardBytes,
            static b => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'_' or (byte)'-',
            "[a-z0-9._-]");

    private static string ReadFirmware(PayloadReader reader) =>
        reader.ReadText("fw", ProtocolLimits.MaxFirmwareBytes, static b => b is >= 0x20 and <= 0x7E, "printable ASCII");

    private static ReadingFlags ReadFlags(PayloadReader reader)
    {
        ulong value = reader.ReadUInt("flags");
        if ((value & ~(ulong)ReadingFlags.AllDefined) != 0)
            throw PayloadReader.Schema($"flags 0x{value:X} set reserved bits (only 0x7F is defined in version 1)");
        return (ReadingFlags)value;
    }

    private static void CheckSampleOrder(ReadingBatch batch)
    {
        // CounterReset: the counter restarted from a lower value, so one decrease is legitimate.
        int allowedDecreases = batch.Flags.HasFlag(ReadingFlags.CounterReset) ? 1 : 0;
        for (int s = 1; s < batch.Samples.Count; s++)
        {
            var previous = batch.Samples[s - 1];
            var current = batch.Samples[s];
            if (current.TimestampMs <= previous.TimestampMs)
                throw PayloadReader.Schema($"sample {s} time {current.TimestampMs} does not follow {previous.TimestampMs}");
            if (current.EnergyMwh < previous.EnergyMwh && --allowedDecreases < 0)
                throw PayloadReader.Schema(batch.Flags.HasFlag(ReadingFlags.CounterReset)
                    ? $"sample {s}: energy decreases a second time within the batch"
                    : $"sample {s}: energy {current.EnergyMwh} is below {previous.EnergyMwh} without CounterReset");
        }
    }

    private static T Required<T>(T? value, string name, ulong key) where T : struct =>
        value ?? throw Missing(name, key);

    private static PayloadRejectedException Missing(string name, ulong key) =>
        PayloadReader.Schema($"required key {key} ({name}) is missing");

    private static PayloadRejectedException UnknownKey(ulong key, MessageKind kind) =>
        PayloadReader.Schema($"key {key} is not defined for kind {(int)kind} ({kind}) in version 1");
}
