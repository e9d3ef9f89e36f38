using IlmEnergy.Firmware.Device;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// An <see cref="IMeter"/> that measures a <see cref="LoadProfile"/> behind the plug's relay: 0 W while
/// the relay is open; mains voltage wanders between about 228 and 242 V; current is consistent with
/// power, voltage and the load's power factor (so the ingester's electrical checks pass).
/// </summary>
public sealed class SimulatedMeter(LoadProfile load, IRelay relay, FleetClock clock, int seed) : IMeter
{
    private readonly Random _noise = new(seed);
    private readonly long _voltagePhaseMs = new Random(seed ^ 0x5a5a).NextInt64(86_400_000);
    private long _energyMwh;
    private long _lastMs = -1;

    public LoadProfile Load { get; } = load;

    public MeterChip Chip => MeterChip.Cse7766;

    public Calibration Calibration => null!;

    public long EnergyMilliWattHours => _energyMwh;

    public void Start(long nowMs)
    {
    }

    public bool TryRead(long nowMs, MeterReading into)
    {
        ArgumentNullException.ThrowIfNull(into);
        long wall = clock.UtcNowMs;
        int voltageMv = VoltageMv(wall);
        int powerMw = relay.IsClosed ? Load.PowerMw(wall, _noise) : 0;
        int currentMa = powerMw == 0 ? 0 : (int)(powerMw * 1000L / voltageMv * 1000 / Load.PowerFactorPermille);
        if (_lastMs >= 0 && nowMs > _lastMs) _energyMwh += powerMw * (nowMs - _lastMs) / 3_600_000;
        _lastMs = nowMs;

        into.TimestampMs = nowMs;
        into.PowerMilliWatts = powerMw;
        into.VoltageMilliVolts = voltageMv;
        into.CurrentMilliAmps = currentMa;
        into.EnergyMilliWattHours = _energyMwh;
        into.FrequencyMilliHertz = 50_000;
        into.Flags = ReadingFlags.PowerValid | ReadingFlags.VoltageValid | ReadingFlags.CurrentValid | ReadingFlags.FrequencyValid;
        return true;
    }

    public void RestoreEnergy(long milliWattHours) => _energyMwh = Math.Max(_energyMwh, milliWattHours);

    public void SetCalibration(Calibration calibration)
    {
    }

    // 235 V ± 5 V over the day plus ± 2 V of noise: 228–242 V.
    private int VoltageMv(long wallMs)
    {
        double day = (wallMs + _voltagePhaseMs) % 86_400_000 / 86_400_000.0;
        return 235_000 + (int)(5_000 * Math.Sin(2 * Math.PI * day)) + _noise.Next(-2_000, 2_000);
    }
}
