using IlmEnergy.Storage;
using IlmEnergy.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Storage.Tests;

public sealed class SqliteReadingStoreTests : ReadingStoreContract
{
    private readonly TempDirectory directory = new();

    private string DatabasePath => Path.Combine(directory.Path, "readings.db");

    protected override Task<IReadingStore> CreateStoreAsync() => Task.FromResult<IReadingStore>(new SqliteReadingStore(DatabasePath));

    protected override Task CleanUpAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_with_one_row_per_device_and_timestamp()
    {
        var device = TestReadings.NewDeviceId();
        await Store.WriteAsync(TestReadings.Series(device, 10));
        await Store.WriteAsync(TestReadings.Series(device, 10));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*) FROM reading;";
        Assert.Equal(10L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Points_survive_reopening_the_file()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 20);
        await Store.WriteAsync(points);
        await using var reopened = new SqliteReadingStore(DatabasePath);
        Assert.Equal(points, await reopened.ReadAsync(device, TestReadings.Start, TestReadings.Start + 3_600_000));
    }
}
