using System.Collections.Concurrent;
using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Ingestion.Pipeline;
using IlmEnergy.Ingestion.Validation;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;
using IlmEnergy.Storage;
using IlmEnergy.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace IlmEnergy.Ingestion.Tests;

/// <summary>The pipeline over real SQLite registry, archive and reading store in a temporary folder.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly BoardDefinition TestBoard = new("shelly-plug-s-gen3", "Shelly Plug S Gen3", "BL0942", 230, 12, 2760);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ilm-pipeline-" + Guid.NewGuid().ToString("N"));
    private readonly Task run;
    private long nextOrdinal;

    public PipelineHarness(int workers = 2, int batchSize = 500, Func<IReadingStore, IReadingStore>? wrapStore = null, int queueCapacity = 10_000)
    {
        Directory.CreateDirectory(folder);
        Registry = new SqliteDeviceRegistry(Path.Combine(folder, "registry.db"));
        Archive = new SqliteMessageArchive(Path.Combine(folder, "archive.db"));
        Store = new SqliteReadingStore(Path.Combine(folder, "readings.db"));
        Pipeline = new IngestPipeline(
            new IngestPipelineOptions { VerifyWorkers = workers, CommitBatchSize = batchSize, QueueCapacity = queueCapacity },
            new UplinkDecoder(),
            new BatchValidator(new ValidationOptions()),
            Registry,
            new BoardCatalog([TestBoard]),
            Archive,
            wrapStore is null ? Store : wrapStore(Store),
            new IngestStatistics(),
            NullLogger<IngestPipeline>.Instance);
        run = Pipeline.RunAsync(CancellationToken.None);
    }

    public SqliteDeviceRegistry Registry { get; }
    public SqliteMessageArchive Archive { get; }
    public SqliteReadingStore Store { get; }
    public IngestPipeline Pipeline { get; }

    /// <summary>The pipeline's RunAsync: ends once <see cref="IngestPipeline.Complete"/> was called and everything taken is decided.</summary>
    public Task Run => run;

    /// <summary>Ordinals of acknowledged messages, in the order the acknowledgements were made.</summary>
    public ConcurrentQueue<long> Acknowledged { get; } = new();

    public long Now { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public async Task ActivateAsync(SignedBatchFactory device) =>
        await Registry.RegisterAsync(device.DeviceId, device.PublicKey, device.Board, DeviceStatus.Active, Now);

    public async Task<long> SubmitAsync(string topic, byte[] payload)
    {
        var ordinal = nextOrdinal++;
        await Pipeline.SubmitAsync(new InboundMessage(topic, payload, Now, _ =>
        {
            Acknowledged.Enqueue(ordinal);
            return Task.CompletedTask;
        }), CancellationToken.None);
        return ordinal;
    }

    /// <summary>Waits until every submitted message has been acknowledged.</summary>
    public async Task DrainAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Acknowledged.Count < nextOrdinal)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Acknowledged.Count} of {nextOrdinal} acknowledged");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Pipeline.Complete();
        // A pipeline that does not stop is a failure, not a hung test run.
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        await Store.DisposeAsync();
        Archive.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
