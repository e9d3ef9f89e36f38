using IlmEnergy.Firmware.Device;
using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>The plug's relay: closed (powered) at first power-up; a reboot keeps the last state.</summary>
public sealed class SimulatedRelay : IRelay
{
    public bool IsClosed { get; private set; } = true;

    public void Set(bool closed) => IsClosed = closed;
}

/// <summary>Nobody presses simulated buttons.</summary>
public sealed class UntouchedButton : IButton
{
    public bool WasPressed() => false;
}

/// <summary>Randomness from the OS CSPRNG, as the ESP32's hardware RNG would give.</summary>
public sealed class SecureRandomSource : IRandomSource
{
    public void NextBytes(byte[] buffer) => System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
}

/// <summary>Keeps the last device log lines of a plug (a fleet printing everything would drown the console).</summary>
public sealed class PlugLog(bool echoWarnings) : ILog
{
    private readonly Queue<string> _recent = new();

    public string? DeviceId { get; set; }

    public IReadOnlyCollection<string> Recent
    {
        get
        {
            lock (_recent) return [.. _recent];
        }
    }

    public void Info(string message) => Keep("I " + message);

    public void Warn(string message)
    {
        Keep("W " + message);
        if (echoWarnings) Console.Error.WriteLine($"[{DeviceId?[..8]}] {message}");
    }

    private void Keep(string line)
    {
        lock (_recent)
        {
            _recent.Enqueue(line);
            if (_recent.Count > 20) _recent.Dequeue();
        }
    }
}
