using System.ComponentModel.DataAnnotations;

namespace IlmEnergy.Ingestion.Validation;

/// <summary>Tolerances of the acceptance rules (docs/protocol.md §5). Defaults are the documented ones.</summary>
public sealed class ValidationOptions
{
    /// <summary>How far ahead of the receive time a sample may be (device clocks drift).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "FutureSkew must be between 0 and 1 hour.")]
    public TimeSpan FutureSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How old buffered data may be when it arrives (plugs hold days of data while offline).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "BacklogWindow must be between 1 hour and 90 days.")]
    public TimeSpan BacklogWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Power factor headroom for metering error in rule 8, in percent above V×I.</summary>
    [Range(0, 50)]
    public int ApparentPowerTolerancePercent { get; set; } = 5;

    /// <summary>Absolute slack of rule 8, in mW (idle loads read a few hundred mW of noise).</summary>
    [Range(0, 100_000)]
    public int ApparentPowerSlackMilliWatts { get; set; } = 2_000;

    /// <summary>Relative tolerance of rule 9 (energy increment against power × time), in percent.</summary>
    [Range(0, 100)]
    public int EnergyTolerancePercent { get; set; } = 10;

    /// <summary>Absolute slack of rule 9, in mWh.</summary>
    [Range(0, 100_000)]
    public int EnergySlackMilliWattHours { get; set; } = 2;
}
