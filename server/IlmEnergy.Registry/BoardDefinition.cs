namespace IlmEnergy.Registry;

/// <summary>What the server needs to know about a board: its ratings, for plausibility checks.</summary>
/// <param name="Id">Board model id, the file name in hardware/boards without extension.</param>
/// <param name="MeterChip">Metering chip, e.g. BL0942.</param>
/// <param name="RatedVoltageV">Nominal mains voltage.</param>
/// <param name="RatedCurrentA">Maximum continuous current of the relay and plug.</param>
/// <param name="RatedPowerW">Maximum continuous load.</param>
public sealed record BoardDefinition(
    string Id,
    string Name,
    string MeterChip,
    int RatedVoltageV,
    int RatedCurrentA,
    int RatedPowerW)
{
    /// <summary>The headroom above the rating that validation allows (docs/protocol.md §5, rule 7).</summary>
    public const int RatingToleranceNumerator = 135;
    public const int RatingToleranceDenominator = 100;

    /// <summary>Highest plausible |power| in mW: rated power plus 35 %.</summary>
    public long MaxPowerMilliWatts => (long)RatedPowerW * 1000 * RatingToleranceNumerator / RatingToleranceDenominator;

    /// <summary>Highest plausible current in mA: rated current plus 35 %.</summary>
    public long MaxCurrentMilliAmps => (long)RatedCurrentA * 1000 * RatingToleranceNumerator / RatingToleranceDenominator;
}
