using IlmEnergy.Ingestion.Archive;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Ingestion.Tests;

public sealed class ArchiveTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "ilm-archive-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    public async Task Archived_messages_cannot_be_altered_or_deleted()
    {
        using var archive = new SqliteMessageArchive(path);
        await archive.CommitAsync([new ArchiveEntry("dev", 1000, "t", [1, 2, 3], new BatchSummary(1, 1, 2, 3, 4, 0))],
            [new QuarantineEntry(1000, "t", null, null, 101, "MalformedCbor", "x", [9], null)]);

        await using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        foreach (var sql in new[]
        {
            "UPDATE raw_messages SET message = x'00'", "DELETE FROM raw_messages",
            "UPDATE quarantine SET reason_code = 0", "DELETE FROM quarantine",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal([1, 2, 3], await archive.FindMessageAsync("dev", 1));
    }

    [Fact]
    public async Task Neighbours_are_found_by_sequence_number()
    {
        using var archive = new SqliteMessageArchive(path);
        await archive.CommitAsync(
            [Entry(2), Entry(5), Entry(9)],
            []);
        Assert.Equal(5, (await archive.FindPreviousAsync("dev", 9))?.Seq);
        Assert.Equal(9, (await archive.FindNextAsync("dev", 5))?.Seq);
        Assert.Null(await archive.FindPreviousAsync("dev", 2));
        Assert.Null(await archive.FindNextAsync("dev", 9));
        Assert.Null(await archive.FindNextAsync("other", 0));
    }

    private static ArchiveEntry Entry(long seq) => new("dev", 1000, "t", [(byte)seq], new BatchSummary(seq, seq, seq, seq, seq, 0));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
    }
}
