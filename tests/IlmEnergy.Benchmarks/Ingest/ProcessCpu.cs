using System.Diagnostics;
using System.Globalization;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>CPU time of processes and of the whole machine, from /proc (Linux).</summary>
public static class ProcessCpu
{
    /// <summary>The process named <paramref name="name"/> whose command line contains <paramref name="fragment"/>, or null.</summary>
    public static Process? Find(string name, string fragment)
    {
        foreach (var process in Process.GetProcessesByName(name))
        {
            try
            {
                var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
                if (commandLine.Contains(fragment, StringComparison.Ordinal)) return process;
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
            process.Dispose();
        }
        return null;
    }

    public static TimeSpan CpuTime(Process? process)
    {
        if (process is null) return TimeSpan.Zero;
        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Busy and total jiffies of all cores (/proc/stat), for the machine's load over an interval.</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4]; // idle + iowait
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }
}
