namespace IlmEnergy.Ingestion.Archive;

/// <summary>
/// What validation needs to know about a stored neighbour batch of the same device, without
/// decoding it again: its time span and energy counter at both ends.
/// </summary>
public sealed record BatchSummary(long Seq, long FirstTimestampMs, long LastTimestampMs, long FirstEnergyMilliWattHours, long LastEnergyMilliWattHours, int Flags);
