using System.Diagnostics;
using IlmEnergy.Firmware.Device;
using IlmEnergy.Firmware.Protocol.Encoding;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>
/// Runs N plugs (real <see cref="PlugDevice"/> instances) against a real MQTT broker in simulated time.
/// Each step advances the shared clock by one second and ticks every plug once (in parallel: each plug
/// is ticked by one thread at a time, as on the device). Steps are paced to at most
/// <see cref="SimulatorOptions.Speed"/> simulated seconds per real second. Usable from tests and
/// benchmarks: <c>await new FleetSimulator(options).RunAsync(token)</c>.
/// </summary>
public sealed class FleetSimulator(SimulatorOptions options, TextWriter? console = null)
{
    private readonly TextWriter _out = console ?? TextWriter.Null;

    public FleetStatistics Statistics { get; } = new();

    /// <summary>The plugs of the current or last run (device ids, counters), for tests.</summary>
    public IReadOnlyList<SimulatedPlug> Plugs { get; private set; } = [];

    /// <summary>The simulated fleet clock; starts <see cref="SimulatorOptions.Duration"/> before now.</summary>
    public FleetClock? Clock { get; private set; }

    /// <summary>
    /// Runs the fleet to the end of <see cref="SimulatorOptions.Duration"/>, then drains the outboxes.
    /// Runs on the thread pool: the plugs' transports block on MQTTnet (the device API is synchronous),
    /// which must never happen on a caller's single-threaded SynchronizationContext (a test runner's, a UI's).
    /// </summary>
    public Task<FleetSummary> RunAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => RunOnPoolAsync(cancellationToken), cancellationToken);

    private async Task<FleetSummary> RunOnPoolAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        Random random = new(options.Seed);
        byte[] serverKey = options.ServerKey is null ? RandomKey(random) : Base58.Decode(options.ServerKey);
        long durationMs = (long)options.Duration.TotalMilliseconds;
        Clock = new FleetClock(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - durationMs);

        List<SimulatedPlug> plugs = CreatePlugs(random, serverKey, durationMs);
        Plugs = plugs;
        try
        {
            if (options.RegisterDataDirectory is { } directory)
            {
                await DeviceRegistration.RegisterActiveAsync(directory, plugs, options.Board, cancellationToken).ConfigureAwait(false);
                _out.WriteLine($"registered {plugs.Count} plugs as active in {Path.Combine(directory, DeviceRegistration.RegistryFileName)}");
            }

            _out.WriteLine($"{plugs.Count} plugs → {options.BrokerHost}:{options.BrokerPort}, {options.Duration} simulated at up to {options.Speed}× " +
                $"(loads: {string.Join(", ", plugs.GroupBy(p => p.Meter.Load.Name).Select(g => $"{g.Count()} {g.Key}"))}; opted in: {plugs.Count(p => p.OptedIn)})");

            Stopwatch real = Stopwatch.StartNew();
            long endMs = Clock.StartUnixMs + durationMs;
            ProgressReporter progress = new(Statistics, _out, options.ReportEvery);
            while (Clock.UtcNowMs < endMs && !cancellationToken.IsCancellationRequested)
            {
                Step(plugs, drainOnly: false);
                progress.MaybeReport(Clock, plugs);
                await PaceAsync(real, cancellationToken).ConfigureAwait(false);
            }

            TimeSpan runTime = real.Elapsed;
            bool drained = options.DrainAtEnd && await DrainAsync(plugs, progress, cancellationToken).ConfigureAwait(false);
            FleetSummary summary = FleetSummary.From(plugs, Statistics, Clock.Elapsed, runTime, real.Elapsed, drained);
            _out.WriteLine(summary.ToString());
            return summary;
        }
        finally
        {
            // All at once: MQTTnet's graceful disconnect takes a while per client.
            await Task.WhenAll(plugs.Select(p => p.Transport.DisconnectAsync())).ConfigureAwait(false);
            foreach (SimulatedPlug plug in plugs)
            {
                plug.Dispose();
            }
        }
    }

    private List<SimulatedPlug> CreatePlugs(Random random, byte[] serverKey, long durationMs)
    {
        List<SimulatedPlug> plugs = [];
        for (int i = 0; i < options.Plugs; i++)
        {
            DeviceConfig config = new()
            {
                Board = options.Board,
                BrokerHost = options.BrokerHost,
                BrokerPort = options.BrokerPort,
                ServerKey = serverKey,
                OptIn = random.NextDouble() < options.OptInFraction,
            };
            SimulatedPlug plug = new(config, Clock!, LoadProfile.Pick(random), random.Next(), options.BrokerHost, options.BrokerPort, Statistics);
            if (random.NextDouble() < options.OfflineFraction)
            {
                plug.OfflineFromMs = Clock!.StartUnixMs + (long)(durationMs * (0.1 + 0.5 * random.NextDouble()));
                plug.OfflineUntilMs = plug.OfflineFromMs + (long)(durationMs * (0.1 + 0.2 * random.NextDouble()));
                Statistics.WentOffline();
            }

            ScheduleReboot(plug, random);
            plugs.Add(plug);
        }

        return plugs;
    }

    private void ScheduleReboot(SimulatedPlug plug, Random random)
    {
        if (options.RebootEvery is { } every)
        {
            // Exponential gaps: power cuts arrive at random, on average once per RebootEvery.
            double gap = -Math.Log(1 - random.NextDouble()) * every.TotalMilliseconds;
            plug.NextRebootAtMs = Clock!.UtcNowMs + Math.Max(60_000, (long)gap);
        }
    }

    private void Step(List<SimulatedPlug> plugs, bool drainOnly)
    {
        Clock!.Advance(1000);
        long now = Clock.UtcNowMs;
        // Bounded parallelism: plug ticks may block on MQTTnet I/O (connects), whose own continuations need
        // free pool threads; a few blocked threads per core keep the CPU busy without starving the pool.
        Parallel.For(0, plugs.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 * Environment.ProcessorCount }, i =>
        {
            SimulatedPlug plug = plugs[i];
            if (plug.Drained)
            {
                return;
            }

            if (!drainOnly && now >= plug.NextRebootAtMs)
            {
                plug.Reboot();
                Statistics.Rebooted();
                lock (plug)
                {
                    ScheduleReboot(plug, new Random(HashCode.Combine(options.Seed, i, now)));
                }
            }

            plug.Tick(now);
            if (drainOnly && plug.Device.OutboxCount == 0)
            {
                plug.Drained = true; // everything it signed is acknowledged; stop it before it signs more
            }
        });
    }

    private async Task<bool> DrainAsync(List<SimulatedPlug> plugs, ProgressReporter progress, CancellationToken cancellationToken)
    {
        foreach (SimulatedPlug plug in plugs)
        {
            plug.OfflineUntilMs = long.MinValue;
        }

        Stopwatch waited = Stopwatch.StartNew();
        while (plugs.Any(p => !p.Drained) && waited.Elapsed < options.DrainTimeout && !cancellationToken.IsCancellationRequested)
        {
            Step(plugs, drainOnly: true);
            progress.MaybeReport(Clock!, plugs);
            await Task.Delay(2, cancellationToken).ConfigureAwait(false); // let PUBACKs arrive between steps
        }

        return plugs.All(p => p.Drained);
    }

    private async Task PaceAsync(Stopwatch real, CancellationToken cancellationToken)
    {
        double simulatedMs = Clock!.Elapsed.TotalMilliseconds;
        double ahead = simulatedMs / options.Speed - real.Elapsed.TotalMilliseconds;
        if (ahead >= 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ahead), cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] RandomKey(Random random)
    {
        // Any valid point works as a pinned key when nobody sends commands: derive one from a random seed.
        byte[] seed = new byte[32];
        random.NextBytes(seed);
        return new IlmEnergy.Firmware.Protocol.Ed25519Signer(seed).PublicKey;
    }
}
