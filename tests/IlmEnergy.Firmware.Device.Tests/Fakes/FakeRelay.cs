namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>Relay that records every switch with the clock's wall time.</summary>
public sealed class FakeRelay(IClock clock, bool closed = true) : IRelay
{
    public bool IsClosed { get; private set; } = closed;

    /// <summary>(Unix ms, new state) of every Set that changed or re-asserted the state.</summary>
    public List<(long AtMs, bool Closed)> Switches { get; } = [];

    public void Set(bool closed)
    {
        if (closed != IsClosed)
        {
            Switches.Add((clock.UtcNowMs, closed));
        }

        IsClosed = closed;
    }
}
