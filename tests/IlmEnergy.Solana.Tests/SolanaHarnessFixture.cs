using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using IlmEnergy.Solana.Rpc;

namespace IlmEnergy.Solana.Tests;

/// <summary>
/// Starts tests/solana-harness (litesvm behind JSON-RPC) on a free 127.0.0.1 port for the test run:
/// runs `npm ci` first if node_modules is missing, waits for the ready line, kills the process on dispose.
/// </summary>
public sealed class SolanaHarnessFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _node;
    private readonly HttpClient _http = new();

    public Uri Url { get; private set; } = null!;

    public SolanaRpcClient Rpc { get; private set; } = null!;

    public static string HarnessDirectory =>
        Path.Combine(typeof(SolanaHarnessFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!, "tests", "solana-harness");

    public async Task InitializeAsync()
    {
        var dir = HarnessDirectory;
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "litesvm")))
            await RunToEndAsync("npm", "ci --no-audit --no-fund", dir, TimeSpan.FromMinutes(5));

        var start = new ProcessStartInfo("node", "server.mjs 0 --exit-on-stdin-close")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        _node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the Solana harness.");
        var stderr = _node.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        string? line;
        try
        {
            line = await _node.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }
        if (line is null)
        {
            _node.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The Solana harness did not become ready within {StartTimeout.TotalSeconds}s: {await stderr}");
        }
        using var ready = JsonDocument.Parse(line);
        Url = new Uri(ready.RootElement.GetProperty("url").GetString()!);
        Rpc = new SolanaRpcClient(_http, new SolanaRpcOptions { Endpoint = Url, DefaultCommitment = Commitment.Confirmed });
    }

    /// <summary>Calls a test-only harness_* method.</summary>
    public async Task<JsonElement> HarnessAsync(string method, params object[] parameters)
    {
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        using var response = await _http.PostAsync(Url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("result").Clone();
    }

    public Task DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.Kill(entireProcessTree: true);
            _node.WaitForExit(5000);
        }
        _node?.Dispose();
        _http.Dispose();
        return Task.CompletedTask;
    }

    private static async Task RunToEndAsync(string file, string arguments, string directory, TimeSpan limit)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output}{await error}");
    }
}

[CollectionDefinition(Name)]
public sealed class SolanaHarnessCollection : ICollectionFixture<SolanaHarnessFixture>
{
    public const string Name = "solana-harness";
}
