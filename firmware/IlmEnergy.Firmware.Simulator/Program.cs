using System.CommandLine;
using System.Globalization;
using IlmEnergy.Firmware.Simulator;

// Command line of the fleet simulator; all behaviour lives in FleetSimulator.
Option<string> broker = new("--broker") { Description = "MQTT broker host:port", DefaultValueFactory = _ => "127.0.0.1:1883" };
Option<int> plugs = new("--plugs") { Description = "number of simulated plugs", DefaultValueFactory = _ => 10 };
Option<double> speed = new("--speed") { Description = "simulated seconds per real second (at most)", DefaultValueFactory = _ => 1 };
Option<string> duration = new("--duration") { Description = "simulated time to run: 90s, 30m, 6h, 2d (≤ 13 days)", DefaultValueFactory = _ => "1h" };
Option<double> offline = new("--offline-fraction") { Description = "fraction of plugs that lose the broker once, for 10-30 % of the run", DefaultValueFactory = _ => 0 };
Option<string?> rebootEvery = new("--reboot-every") { Description = "mean simulated time between power cuts per plug (e.g. 6h); none by default" };
Option<double> optIn = new("--opt-in-fraction") { Description = "fraction of plugs opted in to DR curtailment", DefaultValueFactory = _ => 0.5 };
Option<string?> register = new("--register") { Description = "ingester data directory: write the plugs into its registry.db as active" };
Option<string?> serverKey = new("--server-key") { Description = "Base58 server command public key the plugs pin (random by default)" };
Option<int> seed = new("--seed") { Description = "random seed for loads, outages and reboots", DefaultValueFactory = _ => 1 };

RootCommand root = new("IlmEnergy fleet simulator: runs many plugs (the real firmware device loop) against an MQTT broker")
{
    broker, plugs, speed, duration, offline, rebootEvery, optIn, register, serverKey, seed,
};

root.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
{
    SimulatorOptions options;
    try
    {
        string[] hostPort = parse.GetValue(broker)!.Split(':');
        if (hostPort.Length != 2 || !int.TryParse(hostPort[1], NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            throw new ArgumentException("--broker must be host:port, e.g. 127.0.0.1:1883");
        }

        string? reboot = parse.GetValue(rebootEvery);
        options = new SimulatorOptions
        {
            BrokerHost = hostPort[0],
            BrokerPort = port,
            Plugs = parse.GetValue(plugs),
            Speed = parse.GetValue(speed),
            Duration = DurationText.Parse(parse.GetValue(duration)!),
            OfflineFraction = parse.GetValue(offline),
            RebootEvery = reboot is null ? null : DurationText.Parse(reboot),
            OptInFraction = parse.GetValue(optIn),
            RegisterDataDirectory = parse.GetValue(register),
            ServerKey = parse.GetValue(serverKey),
            Seed = parse.GetValue(seed),
        };
        options.Validate();
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine("error: " + e.Message);
        return 2;
    }

    FleetSummary summary = await new FleetSimulator(options, Console.Out).RunAsync(cancellationToken);
    return summary.Drained || !options.DrainAtEnd ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
