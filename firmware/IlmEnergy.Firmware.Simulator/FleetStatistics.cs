namespace IlmEnergy.Firmware.Simulator;

/// <summary>Counters the whole fleet updates from many threads (Interlocked), read for progress lines and the summary.</summary>
public sealed class FleetStatistics
{
    private long _readingsPublished;
    private long _readingsAcknowledged;
    private long _otherPublished;
    private long _connects;
    private long _failedConnects;
    private long _reboots;
    private long _offlinePeriods;

    public long ReadingsPublished => Interlocked.Read(ref _readingsPublished);

    public long ReadingsAcknowledged => Interlocked.Read(ref _readingsAcknowledged);

    /// <summary>Hello and status publishes.</summary>
    public long OtherPublished => Interlocked.Read(ref _otherPublished);

    public long Connects => Interlocked.Read(ref _connects);

    public long FailedConnects => Interlocked.Read(ref _failedConnects);

    public long Reboots => Interlocked.Read(ref _reboots);

    public long OfflinePeriods => Interlocked.Read(ref _offlinePeriods);

    public void Published(bool readings) => Interlocked.Increment(ref readings ? ref _readingsPublished : ref _otherPublished);

    public void Acknowledged(bool readings)
    {
        if (readings) Interlocked.Increment(ref _readingsAcknowledged);
    }

    public void Connected(bool ok) => Interlocked.Increment(ref ok ? ref _connects : ref _failedConnects);

    public void Rebooted() => Interlocked.Increment(ref _reboots);

    public void WentOffline() => Interlocked.Increment(ref _offlinePeriods);
}
