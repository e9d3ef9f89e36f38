using System.Text;
using IlmEnergy.Benchmarks.Ingest;
using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Registry;
using IlmEnergy.Testing;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Ingester.Tests;

/// <summary>
/// One test's world: a real mosquitto and InfluxDB (IlmEnergy.Testing fixtures), an ingester data
/// folder whose registry the test fills before starting ingester processes, and the means to count
/// what ended where: the archive (accepted and quarantined), InfluxDB, and /api/v1/ingest/stats.
/// </summary>
internal sealed class IngestTestBed : IAsyncDisposable
{
    private readonly List<IngesterProcess> ingesters = [];
    private readonly List<PlugPublisher> publishers = [];
    private SqliteMessageArchive? archive;

    private IngestTestBed()
    {
        DataDirectory = Directory.CreateTempSubdirectory("ilm-ingester-test-").FullName;
        Registry = new SqliteDeviceRegistry(Path.Combine(DataDirectory, "registry.db"));
    }

    public MosquittoFixture Broker { get; } = new();

    public InfluxDbFixture Influx { get; } = new();

    public string DataDirectory { get; }

    public SqliteDeviceRegistry Registry { get; }

    public InfluxQuery Query => query ??= new InfluxQuery(Influx.Url);

    private InfluxQuery? query;

    public static async Task<IngestTestBed> StartAsync()
    {
        var bed = new IngestTestBed();
        await bed.Broker.InitializeAsync();
        await bed.Influx.InitializeAsync();
        return bed;
    }

    /// <summary>Registers the plug in the registry file the ingester will read.</summary>
    public async Task RegisterAsync(VirtualPlug plug, DeviceStatus status = DeviceStatus.Active) =>
        await Registry.RegisterAsync(plug.DeviceId, plug.PublicKey, plug.Board, status, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Starts an ingester on this bed's broker, InfluxDB and data folder.</summary>
    public async Task<IngesterProcess> StartIngesterAsync(string clientId = "ingester-a", string? spoolDirectory = null)
    {
        var settings = new IngesterSettings(Broker.Port, Influx.Url, DataDirectory, clientId, spoolDirectory,
            new Dictionary<string, string>
            {
                // Retries and replay at a test's pace; the defaults (4 attempts, 2 s replay probe) work too, only slower.
                ["Ingester__Storage__Influx__ReplayInterval"] = "00:00:00.500",
                ["Ingester__Storage__Influx__RequestTimeout"] = "00:00:05",
            });
        var ingester = await IngesterProcess.StartAsync(settings, FreePort.Next());
        ingesters.Add(ingester);
        return ingester;
    }

    public async Task<PlugPublisher> PublisherAsync(string clientId)
    {
        var publisher = await PlugPublisher.ConnectAsync(Broker.Host, Broker.Port, clientId);
        publishers.Add(publisher);
        return publisher;
    }

    /// <summary>The ingester's archive, opened read-side from the test (SQLite WAL allows both processes).</summary>
    public SqliteMessageArchive Archive => archive ??= new SqliteMessageArchive(Path.Combine(DataDirectory, "archive.db"));

    public async Task<long> AcceptedAsync() => await Archive.CountAcceptedAsync();

    /// <summary>Quarantined messages by reason code.</summary>
    public async Task<IReadOnlyDictionary<int, long>> QuarantinedAsync() =>
        (await Archive.CountRejectedByReasonAsync()).ToDictionary(r => r.ReasonCode, r => r.Count);

    /// <summary>Polls until <paramref name="condition"/> holds; on timeout fails with <paramref name="describe"/> and the ingesters' output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Not reached within {timeout.TotalSeconds:0} s: {await describe()}\n{Diagnostics()}");
    }

    /// <summary>The recent output of every ingester started here and the broker log, for failure messages.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        for (var i = 0; i < ingesters.Count; i++)
            text.Append("--- ingester #").Append(i).Append(ingesters[i].HasExited ? " (exited)" : "").AppendLine().AppendLine(ingesters[i].RecentOutput);
        text.AppendLine("--- mosquitto").AppendLine(Broker.RecentLog());
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in publishers) await publisher.DisposeAsync();
        foreach (var ingester in ingesters) await ingester.DisposeAsync();
        archive?.Dispose();
        query?.Dispose();
        SqliteConnection.ClearAllPools();
        await Broker.DisposeAsync();
        await Influx.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS eventually.
        }
    }
}
