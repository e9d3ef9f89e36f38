using System.Globalization;
using System.Text;

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
    /// Appends the point as one line of line protocol with a millisecond timestamp. A fast path of
    /// <see cref="LineProtocol.AppendPoint"/> for this fixed schema (tags and fields already in key order,
    /// constant names need no escaping); a test checks both give the same line.
    /// </summary>
    public static void AppendLine(StringBuilder output, ReadingPoint point)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(point);
        var board = LineProtocol.EscapeTagValue(point.Board);
        var device = LineProtocol.EscapeTagValue(point.DeviceId);
        var i = CultureInfo.InvariantCulture;
        output.Append(Measurement).Append(',').Append(BoardTag).Append('=').Append(board)
            .Append(',').Append(DeviceTag).Append('=').Append(device)
            .Append(' ').Append(EnergyField).Append('=').Append(point.EnergyMilliWattHours.ToString(i)).Append('i')
            .Append(',').Append(FlagsField).Append('=').Append(point.Flags.ToString(i)).Append('i')
            .Append(',').Append(CurrentField).Append('=').Append(point.CurrentMilliAmps.ToString(i)).Append('i')
            .Append(',').Append(PowerField).Append('=').Append(point.PowerMilliWatts.ToString(i)).Append('i')
            .Append(',').Append(RelayField).Append('=').Append(point.RelayClosed ? "true" : "false")
            .Append(',').Append(SeqField).Append('=').Append(point.Seq.ToString(i)).Append('i')
            .Append(',').Append(VoltageField).Append('=').Append(point.VoltageMilliVolts.ToString(i)).Append('i')
            .Append(' ').Append(point.TimestampMs.ToString(i)).Append('\n');
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

    /// <summary>Encodes points as a line-protocol body (ms precision).</summary>
    public static string ToLines(IEnumerable<ReadingPoint> points)
    {
        var builder = new StringBuilder();
        foreach (var point in points) AppendLine(builder, point);
        return builder.ToString();
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
