using IlmEnergy.Storage;
using IlmEnergy.Storage.Influx;
using IlmEnergy.Testing;

namespace IlmEnergy.Storage.Tests;

/// <summary>The store contract against a real influxd; each test gets its own database and spool.</summary>
public sealed class InfluxReadingStoreContractTests(InfluxDbFixture influx) : ReadingStoreContract, IClassFixture<InfluxDbFixture>
{
    private readonly TempDirectory spool = new();
    private readonly string database = "contract_" + Guid.NewGuid().ToString("N")[..12];

    protected override Task<IReadingStore> CreateStoreAsync() =>
        Task.FromResult<IReadingStore>(new InfluxReadingStore(InfluxTestOptions.For(influx, database, spool.Path)));

    protected override async Task CleanUpAsync()
    {
        using var client = new InfluxV1Client(InfluxTestOptions.For(influx, database, spool.Path));
        await client.ExecuteAsync($"DROP DATABASE {InfluxV1Client.QuoteIdentifier(database)}");
        spool.Dispose();
    }
}

/// <summary>Options for tests: the fixture's server, short delays so failure paths run in well under a second.</summary>
internal static class InfluxTestOptions
{
    public static InfluxOptions For(InfluxDbFixture influx, string database, string spoolDirectory) => new()
    {
        Url = influx.Url,
        Database = database,
        SpoolDirectory = spoolDirectory,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        MaxAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(100),
        ReplayInterval = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };
}
