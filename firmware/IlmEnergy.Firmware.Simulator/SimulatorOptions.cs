namespace IlmEnergy.Firmware.Simulator;

/// <summary>What one simulator run does. Every option has a command-line flag (see Program).</summary>
public sealed record SimulatorOptions
{
    public string BrokerHost { get; init; } = "127.0.0.1";

    public int BrokerPort { get; init; } = 1883;

    public int Plugs { get; init; } = 10;

    /// <summary>Simulated seconds per real second, at most (the run goes slower when the machine cannot keep up).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Simulated time the fleet runs. The simulated clock starts this long BEFORE now, so no
    /// timestamp is ever in the future for the ingester (keep it under the 14-day backlog window).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Fraction of plugs that lose the broker once, for 10–30 % of the run.</summary>
    public double OfflineFraction { get; init; }

    /// <summary>Mean simulated time between power cuts of one plug; null = never.</summary>
    public TimeSpan? RebootEvery { get; init; }

    /// <summary>Fraction of plugs whose owner opted in to automatic curtailment.</summary>
    public double OptInFraction { get; init; } = 0.5;

    /// <summary>An ingester data directory: the plugs are written into its registry.db as active.</summary>
    public string? RegisterDataDirectory { get; init; }

    /// <summary>Base58 server command public key the plugs pin; a random one when null.</summary>
    public string? ServerKey { get; init; }

    public string Board { get; init; } = "athom-plug-v3";

    /// <summary>After the run, keep stepping until every outbox is delivered (bounded by <see cref="DrainTimeout"/>).</summary>
    public bool DrainAtEnd { get; init; } = true;

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Real-time interval between progress lines.</summary>
    public TimeSpan ReportEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed for load shapes, offline periods and reboots, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the values; throws ArgumentException naming the bad one.</summary>
    public void Validate()
    {
        if (Plugs < 1) throw new ArgumentException("--plugs must be at least 1");
        if (!(Speed > 0)) throw new ArgumentException("--speed must be positive");
        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromDays(13))
            throw new ArgumentException("--duration must be positive and at most 13 days (the ingester refuses samples older than 14 days)");
        if (OfflineFraction is < 0 or > 1) throw new ArgumentException("--offline-fraction must be between 0 and 1");
        if (OptInFraction is < 0 or > 1) throw new ArgumentException("--opt-in-fraction must be between 0 and 1");
        if (RebootEvery is { } r && r < TimeSpan.FromMinutes(1)) throw new ArgumentException("--reboot-every must be at least 1 minute");
        if (BrokerPort is < 1 or > 65535) throw new ArgumentException("broker port must be 1-65535");
    }
}
