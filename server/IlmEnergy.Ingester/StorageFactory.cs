using IlmEnergy.Storage;
using IlmEnergy.Storage.Influx;
using IlmEnergy.Storage.Sqlite;

namespace IlmEnergy.Ingester;

/// <summary>Creates the configured reading store: SQLite in the data folder, or InfluxDB.</summary>
public static class StorageFactory
{
    public static IReadingStore Create(IngesterOptions options, IServiceProvider services)
    {
        Directory.CreateDirectory(options.DataDirectory);
        return options.Storage.Kind switch
        {
            StorageKind.Sqlite => new SqliteReadingStore(Path.Combine(options.DataDirectory, "readings.db")),
            StorageKind.Influx => new InfluxReadingStore(options.Storage.Influx, services.GetRequiredService<ILogger<InfluxReadingStore>>()),
            _ => throw new InvalidOperationException($"Unknown storage kind {options.Storage.Kind}."),
        };
    }
}
