using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IlmEnergy.Protocol;

namespace IlmEnergy.Cli;

/// <summary>Renders a <see cref="DecodeResult"/> for people (aligned text) or scripts (JSON).</summary>
public static class InspectReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteText(TextWriter output, int messageLength, DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        output.WriteLine($"message    {messageLength} bytes");
        if (result.Envelope is { } envelope)
        {
            output.WriteLine($"envelope   COSE_Sign1 (tag 18), protected {Convert.ToHexString(envelope.ProtectedHeader.Span)}, " +
                $"payload {envelope.Payload.Length} bytes, signature {envelope.Signature.Length} bytes");
        }
        if (result.Signer is { } signer)
            output.WriteLine($"kid        {signer}");

        if (!result.IsAccepted)
        {
            output.WriteLine($"REJECTED   {result.Rejection}");
            return;
        }
        output.WriteLine($"ACCEPTED   {result.Message.Kind}, signature verified");
        switch (result.Message)
        {
            case ReadingBatch batch: WriteBatch(output, batch); break;
            case HelloMessage hello:
                output.WriteLine($"boot {hello.Boot}  board {hello.Board}  fw {hello.Firmware}  flags {FlagNames(hello.Flags)}");
                output.WriteLine($"device time {Iso(hello.DeviceTimeMs)}  next seq {hello.NextSeq}");
                break;
            case DrCommand command:
                output.WriteLine($"command {command.CommandId}  event {command.EventId}  action {command.Action}  device {command.Device}");
                output.WriteLine($"window {Iso(command.StartMs)} .. {Iso(command.EndMs)}  issued {Iso(command.IssuedMs)}  expires {Iso(command.ExpiresMs)}");
                break;
        }
    }

    private static void WriteBatch(TextWriter output, ReadingBatch batch)
    {
        output.WriteLine($"seq {batch.Seq}  boot {batch.Boot}  board {batch.Board}  fw {batch.Firmware}  flags {FlagNames(batch.Flags)}" +
            (batch.Dropped > 0 ? $"  dropped {batch.Dropped}" : ""));
        output.WriteLine();
        output.WriteLine($"{"time (UTC)",-24} {"energy Wh",12} {"power W",10} {"voltage V",10} {"current A",10}  relay");
        foreach (var s in batch.Samples)
        {
            output.WriteLine(string.Format(Invariant, "{0,-24} {1,12:F3} {2,10:F3} {3,10:F3} {4,10:F3}  {5}",
                Iso(s.TimestampMs), s.EnergyMwh / 1000.0, s.PowerMw / 1000.0, s.VoltageMv / 1000.0, s.CurrentMa / 1000.0,
                s.RelayClosed ? "closed" : "open"));
        }
        foreach (var r in batch.DrReports)
            output.WriteLine($"dr  {Iso(r.AtMs)}  {r.CommandId}  {r.Outcome}");
    }

    public static void WriteJson(TextWriter output, int messageLength, DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var json = new JsonObject
        {
            ["accepted"] = result.IsAccepted,
            ["messageBytes"] = messageLength,
            ["kid"] = result.Signer?.ToString(),
        };
        if (result.Envelope is { } envelope)
        {
            json["envelope"] = new JsonObject
            {
                ["protected"] = Convert.ToHexString(envelope.ProtectedHeader.Span),
                ["payloadBytes"] = envelope.Payload.Length,
                ["signature"] = Convert.ToHexString(envelope.Signature.Span),
            };
        }
        if (!result.IsAccepted)
        {
            json["reason"] = new JsonObject
            {
                ["code"] = (int)result.Rejection.Value.Reason,
                ["name"] = result.Rejection.Value.Reason.ToString(),
                ["detail"] = result.Rejection.Value.Detail,
            };
        }
        else
        {
            json["kind"] = result.Message.Kind.ToString();
            json["message"] = MessageJson(result.Message);
        }
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject MessageJson(ProtocolMessage message) => message switch
    {
        ReadingBatch b => new JsonObject
        {
            ["seq"] = b.Seq, ["boot"] = b.Boot, ["board"] = b.Board, ["fw"] = b.Firmware,
            ["flags"] = FlagArray(b.Flags), ["dropped"] = b.Dropped,
            ["samples"] = new JsonArray([.. b.Samples.Select(s => (JsonNode)new JsonObject
            {
                ["time"] = Iso(s.TimestampMs), ["t"] = s.TimestampMs, ["energyMwh"] = s.EnergyMwh, ["powerMw"] = s.PowerMw,
                ["voltageMv"] = s.VoltageMv, ["currentMa"] = s.CurrentMa, ["relay"] = s.RelayClosed,
            })]),
            ["dr"] = new JsonArray([.. b.DrReports.Select(r => (JsonNode)new JsonObject
            {
                ["commandId"] = r.CommandId, ["outcome"] = r.Outcome.ToString(), ["at"] = Iso(r.AtMs),
            })]),
        },
        HelloMessage h => new JsonObject
        {
            ["boot"] = h.Boot, ["board"] = h.Board, ["fw"] = h.Firmware, ["flags"] = FlagArray(h.Flags),
            ["time"] = Iso(h.DeviceTimeMs), ["nextSeq"] = h.NextSeq,
        },
        DrCommand c => new JsonObject
        {
            ["commandId"] = c.CommandId, ["device"] = c.Device.ToString(), ["action"] = c.Action.ToString(),
            ["start"] = Iso(c.StartMs), ["end"] = Iso(c.EndMs), ["issued"] = Iso(c.IssuedMs), ["expires"] = Iso(c.ExpiresMs),
            ["eventId"] = c.EventId,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    private static string Iso(long unixMs) =>
        ProtocolMessage.ToTime(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Invariant);

    private static string[] FlagList(ReadingFlags flags) =>
        [.. Enum.GetValues<ReadingFlags>().Where(f => f is not ReadingFlags.None and not ReadingFlags.AllDefined && flags.HasFlag(f)).Select(f => f.ToString())];

    private static string FlagNames(ReadingFlags flags) =>
        flags == ReadingFlags.None ? "none" : string.Join(",", FlagList(flags));

    private static JsonArray FlagArray(ReadingFlags flags) => new([.. FlagList(flags).Select(f => (JsonNode)f)]);
}
