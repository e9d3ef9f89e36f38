using System.Globalization;
using System.Text;

namespace IlmEnergy.Storage.Influx;

/// <summary>A field value of a line-protocol point: integer, float, boolean or string.</summary>
public readonly record struct FieldValue
{
    private FieldValue(object value) => Value = value;

    /// <summary>A long, double, bool or string.</summary>
    public object Value { get; }

    public static FieldValue Integer(long value) => new(value);
    public static FieldValue Float(double value) =>
        double.IsFinite(value) ? new(value) : throw new ArgumentException("Line protocol cannot carry NaN or infinity.", nameof(value));
    public static FieldValue Boolean(bool value) => new(value);
    public static FieldValue String(string value) => new(value ?? throw new ArgumentNullException(nameof(value)));
}

/// <summary>
/// InfluxDB line protocol (v1 reference), as a pure encoder:
/// <c>measurement[,tag=value…] field=value[,…] timestamp</c>.
/// <list type="bullet">
/// <item>measurement: commas and spaces escaped;</item>
/// <item>tag keys, tag values, field keys: commas, '=' and spaces escaped; tags sorted by key (what the server wants);</item>
/// <item>string fields: double-quoted with '"' and '\' escaped; integers end in 'i'; booleans are true/false;</item>
/// <item>newlines are rejected everywhere: they would end the line.</item>
/// </list>
/// InfluxDB 1.x keeps backslashes in names and tag values literally and only unescapes "\,", "\ " and "\=",
/// so a name ending in a backslash, or a backslash right before one of those characters, cannot be
/// written unambiguously: those are rejected too, with an <see cref="ArgumentException"/> naming the problem.
/// </summary>
public static class LineProtocol
{
    /// <summary>Keys the server refuses or silently drops.</summary>
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal) { "time", "_field", "_measurement" };

    public static string EscapeMeasurement(string measurement)
    {
        CheckName(measurement, "measurement", escapesEquals: false);
        if (measurement[0] == '#') throw new ArgumentException($"Measurement '{measurement}' starts with '#', which makes the line a comment.", nameof(measurement));
        return Escape(measurement, escapesEquals: false);
    }

    public static string EscapeTagKey(string key) => EscapeKey(key, "tag key");

    public static string EscapeTagValue(string value)
    {
        CheckName(value, "tag value", escapesEquals: true);
        return Escape(value, escapesEquals: true);
    }

    public static string EscapeFieldKey(string key) => EscapeKey(key, "field key");

    /// <summary>A string field value, quoted: <c>"say \"hi\" \\o/"</c>.</summary>
    public static string QuoteStringField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RejectNewlines(value, "string field");
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') builder.Append('\\');
            builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Formats a field value: <c>42i</c>, <c>1.5</c>, <c>true</c>, <c>"text"</c>.</summary>
    public static string FormatFieldValue(FieldValue value) => value.Value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture) + "i",
        // "R" round-trips; a whole number stays a float on the server because it lacks the 'i'.
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => QuoteStringField(s),
        _ => throw new ArgumentException("Unknown field value kind.", nameof(value)),
    };

    /// <summary>
    /// Appends one point and a trailing '\n'. Tags are written sorted by key (ordinal); at least one
    /// field is required; the timestamp is in the precision the request declares (ms here).
    /// </summary>
    public static void AppendPoint(
        StringBuilder output,
        string measurement,
        IEnumerable<KeyValuePair<string, string>> tags,
        IReadOnlyList<KeyValuePair<string, FieldValue>> fields,
        long timestamp)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (fields.Count == 0) throw new ArgumentException("A point needs at least one field.", nameof(fields));
        var line = new StringBuilder(64 + 24 * fields.Count).Append(EscapeMeasurement(measurement));
        foreach (var tag in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            line.Append(',').Append(EscapeTagKey(tag.Key)).Append('=').Append(EscapeTagValue(tag.Value));
        line.Append(' ');
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(EscapeFieldKey(fields[i].Key)).Append('=').Append(FormatFieldValue(fields[i].Value));
        }
        line.Append(' ').Append(timestamp.ToString(CultureInfo.InvariantCulture)).Append('\n');
        // Built aside first so a rejected value leaves the output untouched.
        output.Append(line);
    }

    private static string EscapeKey(string key, string what)
    {
        CheckName(key, what, escapesEquals: true);
        if (ReservedKeys.Contains(key)) throw new ArgumentException($"'{key}' cannot be a {what}: InfluxDB rejects or drops it.", nameof(key));
        return Escape(key, escapesEquals: true);
    }

    private static string Escape(string text, bool escapesEquals)
    {
        if (text.AsSpan().IndexOfAny(escapesEquals ? ", =" : ", ") < 0) return text;
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is ',' or ' ' || (escapesEquals && c == '=')) builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static void CheckName(string text, string what, bool escapesEquals)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        if (text.Length == 0) throw new ArgumentException($"A {what} cannot be empty.", what);
        RejectNewlines(text, what);
        if (text[^1] == '\\')
            throw new ArgumentException($"The {what} '{text}' ends with a backslash, which InfluxDB 1.x cannot parse.", what);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            var next = text[i + 1];
            if (text[i] == '\\' && (next is ',' or ' ' || (escapesEquals && next == '=')))
                throw new ArgumentException($"The {what} '{text}' has a backslash before '{next}', which InfluxDB 1.x cannot store unambiguously.", what);
        }
    }

    private static void RejectNewlines(string text, string what)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new ArgumentException($"A {what} cannot contain a newline: line protocol ends a point there.", what);
    }
}
