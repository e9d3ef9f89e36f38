using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>
/// A meter whose load is a function of uptime; it reads 0 W while the relay is open, like a real plug.
/// Its own chip counter is a 24-bit raw register (as on the BL0942) that wraps; the device loop must not
/// care, because it integrates power itself.
/// </summary>
public sealed class FakeMeter(IRelay relay, Func<long, int> powerMwAt) : IMeter
{
    public const long RawCounterModulus = 1 << 24;

    private long _energyMwh;

    public MeterChip Chip => MeterChip.Bl0942;

    public Calibration Calibration => null!;

    public bool Uncalibrated { get; set; }

    /// <summary>When set, reads fail (chip error) while this returns true.</summary>
    public Func<long, bool> Failing { get; set; } = _ => false;

    public long EnergyMilliWattHours => _energyMwh;

    /// <summary>The raw chip register, wrapping at 2^24 (one count per mWh here).</summary>
    public long RawCounter => _energyMwh % RawCounterModulus;

    public int Starts { get; private set; }

    public void Start(long nowMs) => Starts++;

    public bool TryRead(long nowMs, MeterReading into)
    {
        bool failing = Failing(nowMs);
        int power = relay.IsClosed && !failing ? powerMwAt(nowMs) : 0;
        _energyMwh += power / 3600; // rough: 1 s readings
        into.TimestampMs = nowMs;
        into.PowerMilliWatts = power;
        into.VoltageMilliVolts = 230_000;
        into.CurrentMilliAmps = power / 230;
        into.EnergyMilliWattHours = _energyMwh;
        into.Flags = failing ? ReadingFlags.ChipError : ReadingFlags.PowerValid | ReadingFlags.VoltageValid | ReadingFlags.CurrentValid
            | (Uncalibrated ? ReadingFlags.Uncalibrated : ReadingFlags.None);
        return !failing;
    }

    public void RestoreEnergy(long milliWattHours) => _energyMwh = Math.Max(_energyMwh, milliWattHours);

    public void SetCalibration(Calibration calibration)
    {
    }
}
