using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>Seeded randomness, so a failing test repeats.</summary>
public sealed class FakeRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
}

/// <summary>A button the test presses.</summary>
public sealed class FakeButton : IButton
{
    private bool _pressed;

    public void Press() => _pressed = true;

    public bool WasPressed()
    {
        bool pressed = _pressed;
        _pressed = false;
        return pressed;
    }
}

/// <summary>Collects log lines (and lets a test check no secret is ever logged).</summary>
public sealed class ListLog : ILog
{
    public List<string> Lines { get; } = [];

    public void Info(string message) => Lines.Add("I " + message);

    public void Warn(string message) => Lines.Add("W " + message);
}
