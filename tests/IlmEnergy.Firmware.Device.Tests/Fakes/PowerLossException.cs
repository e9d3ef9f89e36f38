namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>Thrown by <see cref="MemoryFileStore"/> when simulated power dies; the device "reboots" after it.</summary>
public sealed class PowerLossException() : Exception("simulated power loss");
