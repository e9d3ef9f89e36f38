using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace IlmEnergy.Storage.Influx;

/// <summary>
/// How a <see cref="ReadingPoint"/> maps onto InfluxDB (docs/storage.md): measurement "reading",
/// tags device and board only (bounded cardinality), integer fields, boolean relay, ms timestamps.
/// </summary>
public static class ReadingSchema
{
    public const string Measurement = "reading";
    public const string DeviceTag = "device";
    public const string BoardTag = "board";
    public const string EnergyField = "e_mwh";
    public const string PowerField = "p_mw";
    public const string VoltageField = "v_mv";
    public const string CurrentField = "i_ma";
    public const string RelayField = "relay";
    public const string SeqField = "seq";
    public const string FlagsField = "flags";

    /// <summary>
    /// Appends the point as one line of UTF-8 line protocol with a millisecond timestamp. A fast path of
    /// <see cref="LineProtocol.AppendPoint"/> for this fixed schema (tags and fields already in key order,
    /// constant names need no escaping) that formats straight into the output buffer, with no string per
    /// number or line; a test checks both give the same line. Throws <see cref="ArgumentException"/> for a
    /// device or board id line protocol cannot carry, leaving the output untouched.
    /// </summary>
    public static void AppendLine(IBufferWriter<byte> output, ReadingPoint point)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(point);
        var board = LineProtocol.EscapeTagValue(point.Board);
        var device = LineProtocol.EscapeTagValue(point.DeviceId);
        // Names and separators (~80 bytes), seven numbers of at most 20 characters, the two ids as UTF-8.
        var bound = 256 + Encoding.UTF8.GetMaxByteCount(board.Length + device.Length);
        var span = output.GetSpan(bound);
        var i = CultureInfo.InvariantCulture;
        if (!Utf8.TryWrite(span, i,
                $"{Measurement},{BoardTag}={board},{DeviceTag}={device} {EnergyField}={point.EnergyMilliWattHours}i,{FlagsField}={point.Flags}i,{CurrentField}={point.CurrentMilliAmps}i,{PowerField}={point.PowerMilliWatts}i,{RelayField}={(point.RelayClosed ? "true" : "false")},{SeqField}={point.Seq}i,{VoltageField}={point.VoltageMilliVolts}i {point.TimestampMs}\n",
                out var written))
        {
            throw new InvalidOperationException($"A reading line did not fit its {bound}-byte bound.");
        }
        output.Advance(written);
    }

    /// <summary>The same line through the general encoder (reference for the fast path).</summary>
    public static void AppendLineGeneric(StringBuilder output, ReadingPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        KeyValuePair<string, string>[] tags = [new(DeviceTag, point.DeviceId), new(BoardTag, point.Board)];
        KeyValuePair<string, FieldValue>[] fields =
        [
            new(EnergyField, FieldValue.Integer(point.EnergyMilliWattHours)),
            new(FlagsField, FieldValue.Integer(point.Flags)),
            new(CurrentField, FieldValue.Integer(point.CurrentMilliAmps)),
            new(PowerField, FieldValue.Integer(point.PowerMilliWatts)),
            new(RelayField, FieldValue.Boolean(point.RelayClosed)),
            new(SeqField, FieldValue.Integer(point.Seq)),
            new(VoltageField, FieldValue.Integer(point.VoltageMilliVolts)),
        ];
        LineProtocol.AppendPoint(output, Measurement, tags, fields, point.TimestampMs);
    }

    /// <summary>Encodes points as a line-protocol body (ms precision), as text.</summary>
    public static string ToLines(IEnumerable<ReadingPoint> points)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var point in points) AppendLine(output, point);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Turns the rows of <c>SELECT * FROM reading</c> (epoch=ms) back into points.</summary>
    public static List<ReadingPoint> FromSeries(IEnumerable<InfluxSeries> series)
    {
        var points = new List<ReadingPoint>();
        foreach (var s in series)
        {
            foreach (var row in s.Rows)
            {
                points.Add(new ReadingPoint(
                    row.GetString(DeviceTag),
                    row.GetString(BoardTag),
                    row.GetInt64("time"),
                    row.GetInt64(EnergyField),
                    row.GetInt64(PowerField),
                    row.GetInt64(VoltageField),
                    row.GetInt64(CurrentField),
                    row.GetBoolean(RelayField),
                    row.GetInt64(SeqField),
                    checked((int)row.GetInt64(FlagsField))));
            }
        }
        return points;
    }
}
