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
            StorageKind.Influx => new InfluxReadingStore(WithSpoolInDataDirectory(options), services.GetRequiredService<ILogger<InfluxReadingStore>>()),
            _ => throw new InvalidOperationException($"Unknown storage kind {options.Storage.Kind}."),
        };
    }

    // The spool belongs with the other durable state of this instance unless placed elsewhere on purpose.
    private static InfluxOptions WithSpoolInDataDirectory(IngesterOptions options)
    {
        var influx = options.Storage.Influx;
        if (influx.SpoolDirectory == new InfluxOptions().SpoolDirectory)
            influx.SpoolDirectory = Path.Combine(options.DataDirectory, "influx-spool");
        return influx;
    }
}
