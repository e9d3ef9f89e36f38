namespace IlmEnergy.Firmware.Simulator;

/// <summary>The numbers of one run.</summary>
public sealed record FleetSummary(
    int Plugs,
    TimeSpan Simulated,
    TimeSpan RunTime,
    TimeSpan TotalTime,
    long BatchesQueued,
    long BatchesAcknowledged,
    long ReadingsPublished,
    long ReadingsAcknowledged,
    long OutboxRemaining,
    long Connects,
    long FailedConnects,
    long Reboots,
    long OfflinePeriods,
    bool Drained)
{
    /// <summary>Simulated seconds per real second achieved during the run (drain excluded).</summary>
    public double AchievedSpeed => RunTime.TotalSeconds > 0 ? Simulated.TotalSeconds / RunTime.TotalSeconds : 0;

    public double PublishRate => TotalTime.TotalSeconds > 0 ? ReadingsPublished / TotalTime.TotalSeconds : 0;

    public static FleetSummary From(IReadOnlyList<SimulatedPlug> plugs, FleetStatistics s, TimeSpan simulated, TimeSpan runTime, TimeSpan total, bool drained) =>
        new(plugs.Count, simulated, runTime, total,
            plugs.Sum(p => (long)p.BatchesQueued), plugs.Sum(p => (long)p.BatchesAcknowledged),
            s.ReadingsPublished, s.ReadingsAcknowledged, plugs.Sum(p => (long)p.Device.OutboxCount),
            s.Connects, s.FailedConnects, s.Reboots, s.OfflinePeriods, drained);

    public override string ToString() =>
        $"summary: {Plugs} plugs, {Simulated:d\\.hh\\:mm\\:ss} simulated in {TotalTime.TotalSeconds:F1} s real (run at {AchievedSpeed:F0}×); " +
        $"batches signed {BatchesQueued}, acknowledged {BatchesAcknowledged}, left in outboxes {OutboxRemaining}{(Drained ? "" : " (NOT drained)")}; " +
        $"readings publishes {ReadingsPublished} ({PublishRate:F0}/s), PUBACKs {ReadingsAcknowledged}; " +
        $"connects {Connects} (+{FailedConnects} failed), reboots {Reboots}, offline periods {OfflinePeriods}";
}
