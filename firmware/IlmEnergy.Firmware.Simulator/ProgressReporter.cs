using System.Diagnostics;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>Prints publish and acknowledgement rates every few real seconds.</summary>
public sealed class ProgressReporter(FleetStatistics statistics, TextWriter output, TimeSpan every)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private long _published;
    private long _acknowledged;

    public void MaybeReport(FleetClock clock, IReadOnlyList<SimulatedPlug> plugs)
    {
        double seconds = _since.Elapsed.TotalSeconds;
        if (seconds < every.TotalSeconds)
        {
            return;
        }

        long published = statistics.ReadingsPublished, acknowledged = statistics.ReadingsAcknowledged;
        int connected = plugs.Count(p => p.Transport.IsConnected);
        long waiting = plugs.Sum(p => (long)p.Device.OutboxCount);
        output.WriteLine($"sim +{clock.Elapsed:d\\.hh\\:mm\\:ss}  publish {(published - _published) / seconds,8:F0}/s  ack {(acknowledged - _acknowledged) / seconds,8:F0}/s  " +
            $"connected {connected}/{plugs.Count}  outbox {waiting}  reboots {statistics.Reboots}");
        _published = published;
        _acknowledged = acknowledged;
        _since.Restart();
    }
}
