using System.Diagnostics;

namespace IlmEnergy.Benchmarks;

/// <summary>
/// A small Stopwatch harness: warm up, then time several rounds and report the median rate.
/// Several benchmarks measured together are interleaved round by round, so background load on the
/// shared machine hits all of them alike and their ratio stays meaningful.
/// </summary>
public static class Harness
{
    public sealed record Case(string Name, Action<int> Body);

    /// <param name="MedianPerSecond">Operations per wall-clock second (median round).</param>
    /// <param name="MedianCpuPerSecond">Operations per second of process CPU time (median round): steadier
    /// than wall time when other builds share the cores.</param>
    /// <param name="CpuRates">Per-round CPU rates, in round order, for paired comparisons between cases.</param>
    public sealed record Result(string Name, double MedianPerSecond, double MinPerSecond, double MaxPerSecond,
        double MedianCpuPerSecond, double AllocatedBytesPerOp, IReadOnlyList<double> CpuRates);

    /// <summary>
    /// Median over rounds of <paramref name="numerator"/>'s rate divided by <paramref name="denominator"/>'s
    /// in the same round: both ran back to back, so slow phases of the machine cancel out.
    /// </summary>
    public static double PairedRatio(Result numerator, Result denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        return Median([.. numerator.CpuRates.Zip(denominator.CpuRates, (n, d) => n / d)]);
    }

    public static IReadOnlyList<Result> Compare(int operationsPerRound, int rounds, TimeSpan warmUp, params Case[] cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var warmUpClock = Stopwatch.StartNew();
        while (warmUpClock.Elapsed < warmUp)
        {
            foreach (var c in cases)
                c.Body(operationsPerRound / 10);
        }

        var rates = cases.Select(_ => new List<double>()).ToArray();
        var cpuRates = cases.Select(_ => new List<double>()).ToArray();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var allocated = new long[cases.Length];
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < cases.Length; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                cases[i].Body(operationsPerRound);
                clock.Stop();
                process.Refresh();
                var cpu = process.TotalProcessorTime - cpuBefore;
                allocated[i] += GC.GetAllocatedBytesForCurrentThread() - before;
                rates[i].Add(operationsPerRound / clock.Elapsed.TotalSeconds);
                cpuRates[i].Add(operationsPerRound / Math.Max(cpu.TotalSeconds, 1e-9));
            }
        }
        return [.. cases.Select((c, i) => new Result(c.Name, Median(rates[i]), rates[i].Min(), rates[i].Max(),
            Median(cpuRates[i]), allocated[i] / (double)((long)operationsPerRound * rounds), cpuRates[i]))];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
