using System.Diagnostics;
using System.Text;

namespace IlmEnergy.Testing;

/// <summary>
/// A child process (a test server, or the ingester under test) whose output is kept (last lines) for
/// failure messages, and which can be stopped gracefully (SIGTERM) or killed.
/// </summary>
public sealed class ProcessRunner : IDisposable
{
    private const int KeptLines = 300;
    private readonly Process process;
    private readonly Queue<string> output = new();

    private ProcessRunner(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident memory (VmHWM on Linux).</summary>
    public long PeakWorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (no shell involved), with this
    /// process's environment plus <paramref name="environment"/>.
    /// </summary>
    public static ProcessRunner Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var runner = new ProcessRunner(process);
        process.OutputDataReceived += (_, e) => runner.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Keep(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string RecentOutput
    {
        get
        {
            lock (output) return string.Join('\n', output);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>SIGKILL: a crash, as far as the server can tell.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptLines) output.Dequeue();
        }
    }

    /// <summary>Polls <paramref name="ready"/> until it holds; fails with the process output if the process dies or time runs out.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{what}: the process exited with code {process.ExitCode}.\n{RecentOutput}");
            if (await ready()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{what}: not ready after {timeout.TotalSeconds:0} s.\n{RecentOutput}");
    }
}
