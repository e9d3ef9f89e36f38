using IlmEnergy.Ingester;
using IlmEnergy.Ingester.Mqtt;
using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Ingestion.Pipeline;
using IlmEnergy.Ingestion.Validation;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;
using IlmEnergy.Storage;
using Microsoft.Extensions.Options;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

builder.Services.AddOptions<IngesterOptions>().Bind(builder.Configuration.GetSection(IngesterOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<IngesterOptions>, IngesterOptionsValidator>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => new UplinkDecoder());
builder.Services.AddSingleton<IDeviceRegistry>(sp => new SqliteDeviceRegistry(DataPath(sp, "registry.db")));
builder.Services.AddSingleton<IMessageArchive>(sp => new SqliteMessageArchive(DataPath(sp, "archive.db")));
builder.Services.AddSingleton(sp => BoardCatalog.LoadDirectory(
    sp.GetRequiredService<IOptions<IngesterOptions>>().Value.BoardsDirectory is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "boards")));
builder.Services.AddSingleton<IReadingStore>(sp => StorageFactory.Create(sp.GetRequiredService<IOptions<IngesterOptions>>().Value, sp));
builder.Services.AddSingleton<IngestStatistics>();
builder.Services.AddSingleton(sp => new BatchValidator(sp.GetRequiredService<IOptions<IngesterOptions>>().Value.Validation));
builder.Services.AddSingleton(sp => new IngestPipeline(
    sp.GetRequiredService<IOptions<IngesterOptions>>().Value.Pipeline,
    sp.GetRequiredService<UplinkDecoder>(),
    sp.GetRequiredService<BatchValidator>(),
    sp.GetRequiredService<IDeviceRegistry>(),
    sp.GetRequiredService<BoardCatalog>(),
    sp.GetRequiredService<IMessageArchive>(),
    sp.GetRequiredService<IReadingStore>(),
    sp.GetRequiredService<IngestStatistics>(),
    sp.GetRequiredService<ILogger<IngestPipeline>>(),
    sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<DeviceEnrollment>();
builder.Services.AddSingleton<MessageIntake>();
// Hosted services start in this order and stop in reverse: the embedded broker outlives the pipeline's
// drain, so the PUBACKs of what was taken still reach the plugs.
builder.Services.AddSingleton<EmbeddedBroker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
builder.Services.AddSingleton<MqttIngestService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
builder.Services.AddHostedService<IngestReporter>();
builder.Services.AddHostedService<IngestMetricsExporter>();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

// Our own metrics are explicit (IngestMetricsExporter); keep the process and runtime ones, not the meter adapter's copies.
Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = false, SuppressDebugMetrics = false, SuppressProcessMetrics = false });

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
app.MapGet("/readyz", (MqttIngestService ingest, IngestPipeline pipeline) =>
{
    var ready = ingest.IsReceiving && pipeline.IsCommitting;
    return ready
        ? Results.Ok(new { status = "ready" })
        : Results.Json(new { status = "not ready", receiving = ingest.IsReceiving, committing = pipeline.IsCommitting }, statusCode: 503);
});
app.MapGet("/api/v1/ingest/stats", async (IngestStatistics stats, IMessageArchive archive, CancellationToken ct) => Results.Ok(new
{
    received = stats.Received,
    stored = stats.Stored,
    archivedOnly = stats.ArchivedOnly,
    duplicates = stats.Duplicates,
    quarantined = stats.Quarantined,
    inFlight = stats.InFlight,
    rejectedByReason = (await archive.CountRejectedByReasonAsync(ct)).ToDictionary(r => $"{r.ReasonCode} {r.ReasonName}", r => r.Count),
}));
app.MapMetrics();
app.Run();

static string DataPath(IServiceProvider services, string file)
{
    var directory = services.GetRequiredService<IOptions<IngesterOptions>>().Value.DataDirectory;
    Directory.CreateDirectory(directory);
    return Path.Combine(directory, file);
}

/// <summary>Entry point type, visible to tests that host the service in-process.</summary>
public partial class Program;
