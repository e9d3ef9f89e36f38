namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>Hand-driven clock: wall time and uptime advance together; sync is switched by the test.</summary>
public sealed class FakeClock(long utcNowMs, bool synced = true) : IClock
{
    public long UtcNowMs { get; set; } = utcNowMs;

    public bool IsSynced { get; set; } = synced;

    public long UptimeMs { get; set; }

    public void Advance(long ms)
    {
        UtcNowMs += ms;
        UptimeMs += ms;
    }
}
