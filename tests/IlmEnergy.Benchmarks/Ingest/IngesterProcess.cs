using System.Globalization;
using System.Net;
using System.Text.Json;
using IlmEnergy.Testing;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>How to run one ingester instance against an external broker and InfluxDB.</summary>
/// <param name="MqttPort">Port of the broker on 127.0.0.1.</param>
/// <param name="InfluxUrl">InfluxDB v1 API base URL.</param>
/// <param name="DataDirectory">Registry, archive and (unless <paramref name="SpoolDirectory"/>) the InfluxDB spool.</param>
/// <param name="ClientId">MQTT client id: the broker keeps this instance's persistent session under it.</param>
/// <param name="SpoolDirectory">Own spool folder, for instances that share a data folder.</param>
/// <param name="Extra">Further settings as configuration keys, e.g. "Ingester__Pipeline__CommitBatchSize".</param>
public sealed record IngesterSettings(
    int MqttPort,
    string InfluxUrl,
    string DataDirectory,
    string ClientId = "ingester-a",
    string? SpoolDirectory = null,
    IReadOnlyDictionary<string, string>? Extra = null);

/// <summary>The ingester's /api/v1/ingest/stats answer.</summary>
public sealed record IngestStats(long Received, long Stored, long ArchivedOnly, long Duplicates, long Quarantined, long InFlight,
    IReadOnlyDictionary<string, long> RejectedByReason);

/// <summary>
/// The real ingester (server/IlmEnergy.Ingester) as a child process, configured through environment
/// variables, so a test can kill it like a crash (SIGKILL) and the benchmark can read its CPU time and memory.
/// </summary>
public sealed class IngesterProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ProcessRunner process;
    private readonly HttpClient http;

    private IngesterProcess(ProcessRunner process, int httpPort)
    {
        this.process = process;
        HttpPort = httpPort;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int HttpPort { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan TotalProcessorTime => process.TotalProcessorTime;

    /// <summary>Peak resident memory (VmHWM on Linux).</summary>
    public long PeakWorkingSetBytes => process.PeakWorkingSetBytes;

    /// <summary>The last lines the ingester logged, for failure messages.</summary>
    public string RecentOutput => process.RecentOutput;

    /// <summary>
    /// The ingester's build output: ILM_INGESTER_DLL if set, else server/IlmEnergy.Ingester/bin/&lt;configuration&gt;/net10.0
    /// under the repository, preferring the configuration this code was built in.
    /// </summary>
    public static string LocateDll()
    {
        if (Environment.GetEnvironmentVariable("ILM_INGESTER_DLL") is { Length: > 0 } explicitPath)
            return File.Exists(explicitPath) ? explicitPath : throw new FileNotFoundException($"ILM_INGESTER_DLL points to a missing file: {explicitPath}");
        var root = RepositoryRoot();
#if DEBUG
        string[] configurations = ["Debug", "Release"];
#else
        string[] configurations = ["Release", "Debug"];
#endif
        foreach (var configuration in configurations)
        {
            var candidate = Path.Combine(root, "server", "IlmEnergy.Ingester", "bin", configuration, "net10.0", "IlmEnergy.Ingester.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("The ingester is not built. Run: dotnet build server/IlmEnergy.Ingester (-c Release for the benchmark).");
    }

    /// <summary>The folder holding IlmEnergy.sln, found by walking up from this assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IlmEnergy.sln"))) return directory.FullName;
        }
        if (Environment.GetEnvironmentVariable("ILM_REPO_ROOT") is { Length: > 0 } root) return root;
        throw new DirectoryNotFoundException($"No IlmEnergy.sln above {AppContext.BaseDirectory}; set ILM_REPO_ROOT.");
    }

    /// <summary>Starts the ingester and returns once /readyz says it is connected to the broker.</summary>
    public static async Task<IngesterProcess> StartAsync(IngesterSettings settings, int httpPort, TimeSpan? readyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dll = LocateDll();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Ingester__DataDirectory"] = settings.DataDirectory,
            ["Ingester__Mqtt__Host"] = "127.0.0.1",
            ["Ingester__Mqtt__Port"] = settings.MqttPort.ToString(CultureInfo.InvariantCulture),
            ["Ingester__Mqtt__ClientId"] = settings.ClientId,
            ["Ingester__Storage__Kind"] = "Influx",
            ["Ingester__Storage__Influx__Url"] = settings.InfluxUrl,
        };
        if (settings.SpoolDirectory is { } spool) environment["Ingester__Storage__Influx__SpoolDirectory"] = spool;
        foreach (var (key, value) in settings.Extra ?? new Dictionary<string, string>()) environment[key] = value;

        var ingester = new IngesterProcess(ProcessRunner.Start("dotnet", [dll], Path.GetDirectoryName(dll), environment), httpPort);
        await ingester.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(60));
        return ingester;
    }

    /// <summary>Waits until /readyz answers 200; fails with the ingester's output if it exits or time runs out.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) =>
        process.WaitUntilAsync(async () => await GetStatusAsync("/readyz") == HttpStatusCode.OK, timeout, "the ingester");

    /// <summary>The HTTP status of GET <paramref name="path"/>, or null when nothing answers.</summary>
    public async Task<HttpStatusCode?> GetStatusAsync(string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<IngestStats> GetStatsAsync()
    {
        var json = await http.GetStringAsync(new Uri("/api/v1/ingest/stats", UriKind.Relative));
        return JsonSerializer.Deserialize<IngestStats>(json, Json) ?? throw new InvalidOperationException("empty stats answer");
    }

    public async Task<IngesterMetrics> GetMetricsAsync() =>
        IngesterMetrics.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    /// <summary>SIGKILL: the process gets no chance to drain or acknowledge anything.</summary>
    public void Kill() => process.Kill();

    /// <summary>SIGTERM (graceful: drain, acknowledge, disconnect), then SIGKILL after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => process.StopAsync(grace);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        http.Dispose();
        process.Dispose();
    }
}
