using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommunityToolkit.HighPerformance;
using CommunityToolkit.HighPerformance.Buffers;

namespace IlmEnergy.Storage.Influx;

/// <summary>
/// A small client for the InfluxDB v1 HTTP API, which InfluxDB 1.x, 2.x (compatibility endpoints)
/// and 3.x all serve: GET /ping, GET/POST /query (InfluxQL, JSON answer), POST /write (line protocol,
/// ms precision, optionally gzip). Failures surface as <see cref="InfluxException"/> with a kind per status.
/// </summary>
public sealed class InfluxV1Client : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly InfluxOptions options;
    // Compressed bodies, kept in a small private pool (see InfluxReadingStore for why not the shared one).
    private readonly ArrayPool<byte> gzipPool = ArrayPool<byte>.Create(16 << 20, maxArraysPerBucket: 4);

    public InfluxV1Client(InfluxOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        this.options = options;
        ownsHttp = httpClient is null;
        http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        http.BaseAddress ??= new Uri(options.Url.EndsWith('/') ? options.Url : options.Url + "/");
        http.Timeout = options.RequestTimeout;
        if (!string.IsNullOrEmpty(options.Username))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    public InfluxOptions Options => options;

    /// <summary>GET /ping; returns the X-Influxdb-Version header ("" when absent).</summary>
    public async Task<string> PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "ping"), cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        return response.Headers.TryGetValues("X-Influxdb-Version", out var v) ? string.Join(",", v) : "";
    }

    /// <summary>True when /ping answers 204; never throws for an unreachable server.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await PingAsync(cancellationToken);
            return true;
        }
        catch (InfluxException)
        {
            return false;
        }
    }

    /// <summary>
    /// GET /query for SELECT and SHOW, timestamps as Unix milliseconds (epoch=ms). Chunked, so answers are
    /// complete whatever the server's max-row-limit (which applies to non-chunked answers only).
    /// </summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxQl, string? database = null, CancellationToken cancellationToken = default)
    {
        var url = $"query?epoch=ms&chunked=true&chunk_size=10000&q={Uri.EscapeDataString(influxQl)}" + DatabaseParameter(database ?? options.Database);
        return await ReadQueryAnswerAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
    }

    /// <summary>POST /query for statements that change things (CREATE, DROP, ALTER, SELECT INTO).</summary>
    public async Task<IReadOnlyList<InfluxSeries>> ExecuteAsync(string influxQl, string? database = null, CancellationToken cancellationToken = default)
    {
        var url = "query?epoch=ms" + DatabaseParameter(database);
        return await ReadQueryAnswerAsync(() => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("q", influxQl)]),
        }, cancellationToken);
    }

    /// <summary>CREATE DATABASE is idempotent on InfluxDB 1.x.</summary>
    public Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"CREATE DATABASE {QuoteIdentifier(database)}", null, cancellationToken);

    /// <summary>POST /write of UTF-8 line protocol with millisecond timestamps into the configured database.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> lineProtocolUtf8, CancellationToken cancellationToken = default)
    {
        var url = $"write?precision=ms&db={Uri.EscapeDataString(options.Database)}"
            + (string.IsNullOrEmpty(options.RetentionPolicy) ? "" : "&rp=" + Uri.EscapeDataString(options.RetentionPolicy));
        using var compressed = options.GzipRequests ? Gzip(lineProtocolUtf8.Span, gzipPool) : null;
        var body = compressed?.WrittenMemory ?? lineProtocolUtf8;
        using var response = await SendAsync(() =>
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            if (options.GzipRequests) content.Headers.ContentEncoding.Add("gzip");
            return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        }, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
    }

    public Task WriteAsync(string lineProtocol, CancellationToken cancellationToken = default) =>
        WriteAsync(Encoding.UTF8.GetBytes(lineProtocol), cancellationToken);

    /// <summary>An InfluxQL identifier in double quotes, escaped.</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>An InfluxQL string literal in single quotes, escaped.</summary>
    public static string QuoteLiteral(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public void Dispose()
    {
        if (ownsHttp) http.Dispose();
    }

    private static string DatabaseParameter(string? database) =>
        string.IsNullOrEmpty(database) ? "" : "&db=" + Uri.EscapeDataString(database);

    private async Task<IReadOnlyList<InfluxSeries>> ReadQueryAnswerAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        return InfluxQueryResultParser.Parse(json);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new InfluxException(InfluxErrorKind.Unreachable, null, $"InfluxDB at {http.BaseAddress} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxException(InfluxErrorKind.Unreachable, null, $"InfluxDB at {http.BaseAddress} did not answer within {http.Timeout}.", e);
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = response.StatusCode;
        throw new InfluxException(InfluxException.KindOf(status), status,
            $"InfluxDB answered {(int)status} {status}: {Truncate(body.Trim(), 500)}");
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>Compresses into a pooled buffer; the caller disposes it once the request is sent.</summary>
    private static ArrayPoolBufferWriter<byte> Gzip(ReadOnlySpan<byte> data, ArrayPool<byte> pool)
    {
        var output = new ArrayPoolBufferWriter<byte>(pool, data.Length / 4 + 64);
        using (var gzip = new GZipStream(output.AsStream(), CompressionLevel.Fastest)) gzip.Write(data);
        return output;
    }
}
