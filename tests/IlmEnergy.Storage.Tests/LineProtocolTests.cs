using System.Buffers;
using System.Text;
using IlmEnergy.Storage;
using IlmEnergy.Storage.Influx;

namespace IlmEnergy.Storage.Tests;

public class LineProtocolTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a b", @"a\ b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData("say \"hi\"", "say\\ \"hi\"")]       // quotes need no escape outside string fields
    [InlineData(@"c:\x", @"c:\x")]                  // a lone backslash stays literal (InfluxDB 1.x keeps it)
    [InlineData(", =", @"\,\ \=")]
    [InlineData("éü中", "éü中")]
    public void Tag_values_escape_comma_space_and_equals(string value, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeTagValue(value));

    [Theory]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a b", @"a\ b")]
    [InlineData("a=b", "a=b")]   // '=' is legal in a measurement name
    public void Measurements_escape_comma_and_space_only(string name, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeMeasurement(name));

    [Theory]
    [InlineData("k,1", @"k\,1")]
    [InlineData("k 1", @"k\ 1")]
    [InlineData("k=1", @"k\=1")]
    public void Tag_and_field_keys_escape_comma_space_and_equals(string key, string expected)
    {
        Assert.Equal(expected, LineProtocol.EscapeTagKey(key));
        Assert.Equal(expected, LineProtocol.EscapeFieldKey(key));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"back\slash", "\"back\\\\slash\"")]
    [InlineData(@"trailing\", "\"trailing\\\\\"")]
    [InlineData("a,b c=d", "\"a,b c=d\"")]   // no escaping of , space = inside quotes
    public void String_fields_are_quoted_with_quote_and_backslash_escaped(string value, string expected) =>
        Assert.Equal(expected, LineProtocol.QuoteStringField(value));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    public void Newlines_are_rejected_everywhere(string text)
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeMeasurement(text));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagKey(text));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagValue(text));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeFieldKey(text));
        var error = Assert.Throws<ArgumentException>(() => LineProtocol.QuoteStringField(text));
        Assert.Contains("newline", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"ends\")]
    [InlineData(@"a\,b")]
    [InlineData(@"a\ b")]
    [InlineData(@"a\=b")]
    [InlineData("")]
    public void Names_InfluxDB_1x_cannot_store_unambiguously_are_rejected(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagValue(value));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [InlineData("time")]
    [InlineData("_field")]
    [InlineData("_measurement")]
    public void Reserved_keys_are_rejected(string key)
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagKey(key));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeFieldKey(key));
    }

    [Fact]
    public void A_measurement_starting_with_hash_would_be_a_comment_and_is_rejected() =>
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeMeasurement("#m"));

    [Fact]
    public void Field_values_have_their_type_markers()
    {
        Assert.Equal("42i", LineProtocol.FormatFieldValue(FieldValue.Integer(42)));
        Assert.Equal("-9223372036854775808i", LineProtocol.FormatFieldValue(FieldValue.Integer(long.MinValue)));
        Assert.Equal("1.5", LineProtocol.FormatFieldValue(FieldValue.Float(1.5)));
        Assert.Equal("true", LineProtocol.FormatFieldValue(FieldValue.Boolean(true)));
        Assert.Equal("false", LineProtocol.FormatFieldValue(FieldValue.Boolean(false)));
        Assert.Equal("\"x\"", LineProtocol.FormatFieldValue(FieldValue.String("x")));
        Assert.Throws<ArgumentException>(() => FieldValue.Float(double.NaN));
    }

    [Fact]
    public void Points_have_tags_sorted_by_key_and_end_in_a_newline()
    {
        var output = new StringBuilder();
        LineProtocol.AppendPoint(output, "m x",
            [new("zeta", "1"), new("alpha", "a b"), new("mid", "m=1")],
            [new("f", FieldValue.Integer(1)), new("g s", FieldValue.String("q\""))],
            1_700_000_000_123);
        Assert.Equal("m\\ x,alpha=a\\ b,mid=m\\=1,zeta=1 f=1i,g\\ s=\"q\\\"\" 1700000000123\n", output.ToString());
    }

    [Fact]
    public void A_rejected_point_leaves_the_output_untouched()
    {
        var output = new StringBuilder("before\n");
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendPoint(output, "m", [new("k", "bad\nvalue")], [new("f", FieldValue.Integer(1))], 1));
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendPoint(output, "m", [], [], 1));
        Assert.Equal("before\n", output.ToString());
    }

    [Fact]
    public void A_reading_becomes_the_documented_line()
    {
        var point = new ReadingPoint("7Hf3kPz", "esp32c3-bl0937", 1_767_225_600_000, 123_456_789, -1500, 230_100, 650, true, 42, 0x21);
        var line = ReadingSchema.ToLines([point]);
        Assert.Equal(
            "reading,board=esp32c3-bl0937,device=7Hf3kPz e_mwh=123456789i,flags=33i,i_ma=650i,p_mw=-1500i,relay=true,seq=42i,v_mv=230100i 1767225600000\n",
            line);
    }

    [Fact]
    public void The_fast_reading_encoder_matches_the_general_one()
    {
        foreach (var point in new[]
        {
            TestReadings.Sample("7Hf3kPz", 0),
            TestReadings.Sample("dev 'x',=\"y", 5) with { Board = "b, =x" },
            new ReadingPoint("d", "b", 0, long.MaxValue, long.MinValue, 0, 1, false, long.MaxValue, int.MaxValue),
        })
        {
            var fast = new ArrayBufferWriter<byte>();
            var generic = new StringBuilder();
            ReadingSchema.AppendLine(fast, point);
            ReadingSchema.AppendLineGeneric(generic, point);
            Assert.Equal(generic.ToString(), Encoding.UTF8.GetString(fast.WrittenSpan));
        }
        var untouched = new ArrayBufferWriter<byte>();
        ReadingSchema.AppendLine(untouched, TestReadings.Sample("7Hf3kPz", 0));
        var before = untouched.WrittenCount;
        Assert.Throws<ArgumentException>(() => ReadingSchema.AppendLine(untouched, TestReadings.Sample("bad\ndevice", 0)));
        Assert.Equal(before, untouched.WrittenCount);
    }
}
