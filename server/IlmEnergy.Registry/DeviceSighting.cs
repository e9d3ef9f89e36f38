namespace IlmEnergy.Registry;

/// <summary>A device was last heard from at <paramref name="LastSeenMs"/> running <paramref name="FirmwareVersion"/>.</summary>
public sealed record DeviceSighting(string DeviceId, long LastSeenMs, string? FirmwareVersion);
