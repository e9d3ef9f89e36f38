using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// One plug's view of time: uptime restarts at every (simulated) boot, and SNTP takes a couple of
/// seconds after boot; until then the RTC is a little off, so the first samples carry ClockNotSynced.
/// </summary>
public sealed class PlugClock(FleetClock fleet) : IClock
{
    public const long SyncAfterBootMs = 3000;
    public const long UnsyncedDriftMs = -1500;

    private long _bootedAtMs = fleet.UtcNowMs;

    public bool IsSynced => UptimeMs >= SyncAfterBootMs;

    public long UtcNowMs => fleet.UtcNowMs + (IsSynced ? 0 : UnsyncedDriftMs);

    public long UptimeMs => fleet.UtcNowMs - _bootedAtMs;

    public void Rebooted() => _bootedAtMs = fleet.UtcNowMs;
}
