namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// Simulated wall time shared by the fleet. It advances only when the simulator steps it (one second per
/// step), so every plug sees the same time and a run is repeatable whatever the machine's speed.
/// </summary>
public sealed class FleetClock(long startUnixMs)
{
    private long _nowMs = startUnixMs;

    public long StartUnixMs { get; } = startUnixMs;

    public long UtcNowMs => Interlocked.Read(ref _nowMs);

    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(UtcNowMs - StartUnixMs);

    public void Advance(long ms) => Interlocked.Add(ref _nowMs, ms);
}
