using System.Buffers;
using System.Text;
using IlmEnergy.Storage.Influx;

namespace IlmEnergy.Storage.Tests;

/// <summary>The small pure parts of the InfluxDB store: options, backoff, chunking, query-answer parsing.</summary>
public class InfluxPartsTests
{
    [Fact]
    public void Default_options_are_valid() => Assert.Empty(new InfluxOptions().Validate());

    [Fact]
    public void Invalid_options_are_reported_each_with_a_message()
    {
        var options = new InfluxOptions { Url = "ftp://x", Database = "bad name", BatchSize = 0, Username = "u", MaxSpoolBytes = 10 };
        var problems = options.Validate();
        Assert.Contains(problems, p => p.Contains("Database", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BatchSize", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxSpoolBytes", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(options.ThrowIfInvalid);
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);

        // Cross-field rules run once the single-field rules pass.
        var crossField = new InfluxOptions { Url = "ftp://x", Username = "u" }.Validate();
        Assert.Contains(crossField, p => p.Contains("http://", StringComparison.Ordinal));
        Assert.Contains(crossField, p => p.Contains("Password", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 0.5, 100)]    // base 100 ms × 2^0 × (0.5 + 0.5)
    [InlineData(1, 0.0, 50)]
    [InlineData(2, 0.5, 200)]
    [InlineData(3, 0.0, 200)]    // 400 × 0.5
    [InlineData(10, 0.5, 1000)]  // capped at 1 s
    [InlineData(10, 0.999, 1499)]
    public void Backoff_doubles_is_capped_and_jittered(int attempt, double random, int expectedMs)
    {
        var delay = RetryBackoff.Delay(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), random);
        Assert.Equal(expectedMs, delay.TotalMilliseconds, 0);
    }

    [Fact]
    public void Queued_writes_are_cut_into_bodies_of_at_most_batch_size_whole_lines()
    {
        var requests = new[]
        {
            new InfluxReadingStore.WriteRequest("a 1\nb 2\nc 3\n", 3),
            new InfluxReadingStore.WriteRequest("d 4\n", 1),
            new InfluxReadingStore.WriteRequest("e 5\nf 6\ng 7\n", 3),
        };
        // One body buffer serves every chunk: each is read before the next is built.
        var body = new ArrayBufferWriter<byte>(4);
        var bodies = InfluxReadingStore.Chunk(requests, 2, body).Select(chunk => Encoding.UTF8.GetString(chunk.Span)).ToList();
        Assert.Equal(["a 1\nb 2\n", "c 3\nd 4\n", "e 5\nf 6\n", "g 7\n"], bodies);
        Assert.Equal(["a 1\nb 2\nc 3\nd 4\ne 5\nf 6\ng 7\n"], InfluxReadingStore.Chunk(requests, 5000, body).Select(chunk => Encoding.UTF8.GetString(chunk.Span)));
    }

    [Fact]
    public void A_too_large_body_splits_at_a_line_boundary()
    {
        var halves = InfluxReadingStore.SplitInHalf(Encoding.UTF8.GetBytes("aaaa 1\nbb 2\ncccccc 3\nd 4\n"))!.Value;
        Assert.Equal("aaaa 1\nbb 2\ncccccc 3\n", Encoding.UTF8.GetString(halves.First.Span));
        Assert.Equal("d 4\n", Encoding.UTF8.GetString(halves.Second.Span));
        var early = InfluxReadingStore.SplitInHalf(Encoding.UTF8.GetBytes("a 1\nbbbbbbbbbbbbbbbbbbbb 2\n"))!.Value;
        Assert.Equal("a 1\n", Encoding.UTF8.GetString(early.First.Span));
        Assert.Null(InfluxReadingStore.SplitInHalf(Encoding.UTF8.GetBytes("single 1\n")));
    }

    [Fact]
    public void Query_answers_become_typed_rows()
    {
        const string json = """
            {"results":[{"statement_id":0,"series":[{"name":"reading","tags":{"device":"D1"},
              "columns":["time","board","e_mwh","relay"],
              "values":[[1000,"b1",9223372036854775807,true],[2000,"b1",5,null]]}]}]}
            """;
        var series = Assert.Single(InfluxQueryResultParser.Parse(json));
        Assert.Equal("reading", series.Name);
        Assert.Equal(2, series.Rows.Count);
        Assert.Equal(long.MaxValue, series.Rows[0].GetInt64("e_mwh"));
        Assert.True(series.Rows[0].GetBoolean("relay"));
        Assert.Equal("D1", series.Rows[0].GetString("device"));   // from the series tags
        Assert.Null(series.Rows[1]["relay"]);
        Assert.Throws<KeyNotFoundException>(() => series.Rows[1].GetBoolean("relay"));
    }

    [Fact]
    public void Statement_errors_become_typed_exceptions()
    {
        var error = Assert.Throws<InfluxException>(() => InfluxQueryResultParser.Parse("""{"results":[{"statement_id":0,"error":"database not found: x"}]}"""));
        Assert.Equal(InfluxErrorKind.QueryFailed, error.Kind);
        Assert.Contains("database not found", error.Message, StringComparison.Ordinal);
        Assert.Empty(InfluxQueryResultParser.Parse("""{"results":[{"statement_id":0}]}"""));

    }

    [Fact]
    public void Chunked_answers_are_merged_back_into_whole_series()
    {
        const string chunked = """
            {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"d":"a"},"columns":["time","v"],"values":[[1,10],[2,20]],"partial":true}],"partial":true}]}
            {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"d":"a"},"columns":["time","v"],"values":[[3,30]]},{"name":"m","tags":{"d":"b"},"columns":["time","v"],"values":[[1,5]]}]}]}
            {"results":[{"statement_id":1,"series":[{"name":"m","tags":{"d":"b"},"columns":["time","v"],"values":[[9,9]]}]}]}
            """;
        var series = InfluxQueryResultParser.Parse(chunked);
        Assert.Equal(3, series.Count);
        Assert.Equal([10L, 20, 30], series[0].Rows.Select(r => r.GetInt64("v")));
        Assert.Equal("b", series[1].Tags["d"]);
        Assert.Equal([9L], series[2].Rows.Select(r => r.GetInt64("v")));   // another statement stays apart
    }

    [Theory]
    [InlineData(400, InfluxErrorKind.BadRequest, false)]
    [InlineData(401, InfluxErrorKind.Unauthorized, false)]
    [InlineData(404, InfluxErrorKind.DatabaseNotFound, false)]
    [InlineData(413, InfluxErrorKind.PayloadTooLarge, false)]
    [InlineData(500, InfluxErrorKind.ServerError, true)]
    [InlineData(503, InfluxErrorKind.ServerError, true)]
    public void Status_codes_map_to_error_kinds(int status, InfluxErrorKind kind, bool transient)
    {
        Assert.Equal(kind, InfluxException.KindOf((System.Net.HttpStatusCode)status));
        Assert.Equal(transient, new InfluxException(kind, (System.Net.HttpStatusCode)status, "x").IsTransient);
    }
}
