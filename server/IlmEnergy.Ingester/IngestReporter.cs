using IlmEnergy.Ingestion.Pipeline;

namespace IlmEnergy.Ingester;

/// <summary>Logs one line of throughput and outcomes every 10 seconds while messages flow.</summary>
public sealed class IngestReporter(IngestStatistics statistics, ILogger<IngestReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long lastDecided = 0;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var decided = statistics.Decided;
                if (decided == lastDecided) continue;
                var rejected = string.Join(", ", statistics.RejectedByReason.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"));
                logger.LogInformation(
                    "{Rate:F0} msg/s; total {Stored} stored, {Duplicates} duplicates, {ArchivedOnly} archived only, {Quarantined} quarantined{Reasons}; {InFlight} in flight",
                    (decided - lastDecided) / Interval.TotalSeconds, statistics.Stored, statistics.Duplicates, statistics.ArchivedOnly,
                    statistics.Quarantined, rejected.Length > 0 ? $" ({rejected})" : "", statistics.InFlight);
                lastDecided = decided;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
