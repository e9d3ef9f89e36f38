using System.Globalization;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>Settings of the ingest benchmark, from its command line (<c>--name value</c>).</summary>
public sealed record IngestBenchmarkOptions
{
    /// <summary>Virtual plugs, each with its own key and registered as active.</summary>
    public int Plugs { get; init; } = 1000;

    /// <summary>MQTT connections the plugs' messages are spread over (a real fleet has one per plug).</summary>
    public int Connections { get; init; } = 16;

    /// <summary>Length of the saturation phase, which measures the sustained rate.</summary>
    public TimeSpan SaturationTime { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Start of the saturation phase left out of the rate: first commits, caches, and tiered JIT, which
    /// recompiles the hot paths for about 10 s of full load (2,000–3,500 methods per 5 s, then under 100).
    /// </summary>
    public TimeSpan WarmUpTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Length of the paced phase at half the sustained rate, which measures latency.</summary>
    public TimeSpan PacedTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most messages published but not yet stored during saturation (keeps the broker queue bounded).</summary>
    public int Window { get; init; } = 20_000;

    /// <summary>Upper bound of the rate the saturation phase pre-signs messages for.</summary>
    public int MaxRate { get; init; } = 16_000;

    /// <summary>How long the raw verify rate is measured.</summary>
    public TimeSpan VerifyTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Extra ingester configuration (environment variable → value), e.g. Ingester__Pipeline__CommitBatchSize=4000.</summary>
    public IReadOnlyDictionary<string, string> IngesterSettings { get; init; } = new Dictionary<string, string>();

    public static string Usage => """
        ingest [--plugs 1000] [--connections 16] [--saturate 25] [--warmup 10] [--paced 10] [--window 20000] [--max-rate 16000] [--verify 3]
               [--set Ingester__Section__Key=value]... [--smoke]
          times in seconds; --set passes a setting or a DOTNET_ runtime variable to the ingester (repeatable);
          --smoke: a short run (100 plugs, 4 s + 3 s) that checks the whole path works
        """;

    public static IngestBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new IngestBenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--smoke")
            {
                options = options with
                {
                    Plugs = 100, Connections = 4, SaturationTime = TimeSpan.FromSeconds(4), WarmUpTime = TimeSpan.FromSeconds(1),
                    PacedTime = TimeSpan.FromSeconds(3), MaxRate = 8_000, VerifyTime = TimeSpan.FromSeconds(1),
                };
                continue;
            }
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value.\n{Usage}");
            var value = args[++i];
            options = name switch
            {
                "--plugs" => options with { Plugs = Positive(name, value) },
                "--connections" => options with { Connections = Positive(name, value) },
                "--saturate" => options with { SaturationTime = Seconds(name, value) },
                "--warmup" => options with { WarmUpTime = Seconds(name, value) },
                "--paced" => options with { PacedTime = Seconds(name, value) },
                "--window" => options with { Window = Positive(name, value) },
                "--max-rate" => options with { MaxRate = Positive(name, value) },
                "--verify" => options with { VerifyTime = Seconds(name, value) },
                "--set" => options with { IngesterSettings = With(options.IngesterSettings, value) },
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }
        if (options.WarmUpTime >= options.SaturationTime) throw new ArgumentException($"--warmup must be shorter than --saturate.\n{Usage}");
        return options;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !(assignment.StartsWith("Ingester__", StringComparison.Ordinal) || assignment.StartsWith("DOTNET_", StringComparison.Ordinal)))
            throw new ArgumentException($"--set takes Ingester__Section__Key=value or a DOTNET_ runtime setting, not '{assignment}'.");
        return new Dictionary<string, string>(settings) { [assignment[..equals]] = assignment[(equals + 1)..] };
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException($"{name} takes a positive number of seconds, not '{value}'.");
}
