namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// What is plugged in: active power (mW) as a function of simulated Unix time, and its power factor.
/// Shapes follow typical household appliances; each plug gets its own phase so the fleet does not
/// switch in lock-step.
/// </summary>
public abstract class LoadProfile
{
    /// <summary>Power factor in thousandths (active / apparent power).</summary>
    public abstract int PowerFactorPermille { get; }

    public abstract string Name { get; }

    public abstract int PowerMw(long unixMs, Random noise);

    /// <summary>Picks an appliance mix: many fridges and electronics, fewer heaters and air conditioners.</summary>
    public static LoadProfile Pick(Random random) => random.Next(10) switch
    {
        < 3 => new FridgeProfile(random),
        < 6 => new ElectronicsProfile(random),
        < 8 => new AirConditionerProfile(random),
        _ => new WaterHeaterProfile(random),
    };

    protected static long Position(long unixMs, long offsetMs, long periodMs) => ((unixMs + offsetMs) % periodMs + periodMs) % periodMs;
}

/// <summary>Compressor ~100 W, 15 min on / 30 min off, with a ~600 W start spike for 2 s.</summary>
public sealed class FridgeProfile(Random random) : LoadProfile
{
    private const long OnMs = 15 * 60_000, PeriodMs = 45 * 60_000;
    private readonly long _offsetMs = random.NextInt64(PeriodMs);
    private readonly int _runningMw = 85_000 + random.Next(30_000);

    public override int PowerFactorPermille => 850;

    public override string Name => "fridge";

    public override int PowerMw(long unixMs, Random noise)
    {
        long at = Position(unixMs, _offsetMs, PeriodMs);
        if (at >= OnMs) return 1_500 + noise.Next(500); // light and controller
        if (at < 2_000) return 600_000 + noise.Next(50_000);
        return _runningMw + noise.Next(-3_000, 3_000);
    }
}

/// <summary>2 kW element under a thermostat: about 20 min of heating every 2–3 h.</summary>
public sealed class WaterHeaterProfile(Random random) : LoadProfile
{
    private readonly long _periodMs = (120 + random.Next(60)) * 60_000L;
    private readonly long _offsetMs = random.NextInt64(3 * 3_600_000L);
    private readonly long _onMs = (15 + random.Next(10)) * 60_000L;

    public override int PowerFactorPermille => 1000;

    public override string Name => "water-heater";

    public override int PowerMw(long unixMs, Random noise) =>
        Position(unixMs, _offsetMs, _periodMs) < _onMs ? 1_980_000 + noise.Next(40_000) : 0;
}

/// <summary>1–1.5 kW compressor cycling 40 min on / 20 min off between 08:00 and 22:00 UTC; fan only at night. The DR target.</summary>
public sealed class AirConditionerProfile(Random random) : LoadProfile
{
    private readonly int _compressorMw = 1_000_000 + random.Next(500_000);
    private readonly long _offsetMs = random.NextInt64(3_600_000);

    public override int PowerFactorPermille => 900;

    public override string Name => "air-conditioner";

    public override int PowerMw(long unixMs, Random noise)
    {
        long hour = unixMs / 3_600_000 % 24;
        if (hour < 8 || hour >= 22) return 30_000 + noise.Next(5_000);
        return Position(unixMs, _offsetMs, 3_600_000) < 40 * 60_000 ? _compressorMw + noise.Next(-20_000, 20_000) : 45_000 + noise.Next(5_000);
    }
}

/// <summary>TV box, router, chargers: 5–15 W, switched-mode supplies with a poor power factor.</summary>
public sealed class ElectronicsProfile(Random random) : LoadProfile
{
    private readonly int _baseMw = 5_000 + random.Next(8_000);

    public override int PowerFactorPermille => 600;

    public override string Name => "electronics";

    public override int PowerMw(long unixMs, Random noise) => _baseMw + noise.Next(2_000);
}
