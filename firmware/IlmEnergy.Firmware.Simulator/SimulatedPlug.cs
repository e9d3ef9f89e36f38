using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// One plug of the fleet: the real <see cref="PlugDevice"/> over simulated hardware. Flash, relay and
/// meter survive a <see cref="Reboot"/>; the PlugDevice object does not (a new one boots from flash).
/// </summary>
public sealed class SimulatedPlug : IDisposable
{
    private readonly DeviceConfig _config;
    private readonly PlugLog _log;
    private int _queuedBefore;
    private int _acknowledgedBefore;

    public SimulatedPlug(DeviceConfig config, FleetClock clock, LoadProfile load, int seed, string host, int port, FleetStatistics statistics)
    {
        _config = config;
        Clock = new PlugClock(clock);
        Meter = new SimulatedMeter(load, Relay, clock, seed);
        Transport = new MqttNetTransport(host, port, statistics);
        _log = new PlugLog(echoWarnings: false);
        Device = Boot();
        _log.DeviceId = Device.DeviceId;
    }

    public InMemoryFileStore Flash { get; } = new();

    public SimulatedRelay Relay { get; } = new();

    public PlugClock Clock { get; }

    public SimulatedMeter Meter { get; }

    public MqttNetTransport Transport { get; }

    public PlugDevice Device { get; private set; }

    public string DeviceId => Device.DeviceId;

    public bool OptedIn => _config.OptIn;

    /// <summary>Simulated time of the next power cut (long.MaxValue = none).</summary>
    public long NextRebootAtMs { get; set; } = long.MaxValue;

    public long OfflineFromMs { get; set; } = long.MaxValue;

    public long OfflineUntilMs { get; set; } = long.MinValue;

    /// <summary>Set by the drain phase once this plug's outbox is empty; it is not ticked any more.</summary>
    public bool Drained { get; set; }

    /// <summary>Batches signed and queued over all boots.</summary>
    public int BatchesQueued => _queuedBefore + Device.BatchesQueued;

    public int BatchesAcknowledged => _acknowledgedBefore + Device.BatchesAcknowledged;

    public IReadOnlyCollection<string> RecentLog => _log.Recent;

    /// <summary>One simulated second of the plug's main loop.</summary>
    public void Tick(long nowMs)
    {
        bool offline = nowMs >= OfflineFromMs && nowMs < OfflineUntilMs;
        if (offline != Transport.Blocked) Transport.Blocked = offline;
        Device.Tick();
    }

    /// <summary>Power cut: the connection drops (the broker sends the will), RAM is lost, flash stays.</summary>
    public void Reboot()
    {
        _queuedBefore += Device.BatchesQueued;
        _acknowledgedBefore += Device.BatchesAcknowledged;
        Transport.Crash();
        Clock.Rebooted();
        Device = Boot();
    }

    public void Dispose() => Transport.Dispose();

    private PlugDevice Boot()
    {
        PlugDevice device = new(_config, Flash, Clock, Relay, Meter, Transport, new SecureRandomSource(), new UntouchedButton(), _log);
        device.Start();
        return device;
    }
}
