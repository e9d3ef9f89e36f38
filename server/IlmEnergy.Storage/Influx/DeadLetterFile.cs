using System.Globalization;
using System.Text;

namespace IlmEnergy.Storage.Influx;

/// <summary>
/// Batches InfluxDB refused as malformed (HTTP 400), kept with the server's error so nothing is lost
/// silently and a person can fix and re-import them. The file is line protocol with '#' comment
/// headers, so after a fix it can be fed back with <c>influx -import</c> or curl.
/// </summary>
public sealed class DeadLetterFile(string path)
{
    private readonly object gate = new();

    public string Path { get; } = path;

    public void Append(ReadOnlySpan<byte> lineProtocol, string error, DateTimeOffset when)
    {
        var header = string.Create(CultureInfo.InvariantCulture,
            $"# dead-lettered {when:O}: {error.ReplaceLineEndings(" ")}\n");
        lock (gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(Encoding.UTF8.GetBytes(header));
            stream.Write(lineProtocol);
            if (lineProtocol.Length > 0 && lineProtocol[^1] != (byte)'\n') stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
    }
}
