using IlmEnergy.Benchmarks;
using IlmEnergy.Benchmarks.Ingest;

// One verb per benchmark group; add a group by adding an entry here and a file beside this one.
var groups = new Dictionary<string, (string Description, Func<int> Run)>(StringComparer.Ordinal)
{
    ["protocol"] = ("Ed25519 verify vs full decode+verify, message size, plug signer", ProtocolBenchmark.Run),
    ["ingest"] = ("simulator → mosquitto → ingester → InfluxDB: rate, latency, CPU, memory", () => IngestBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult()),
};

if (args.Length < 1 || !groups.TryGetValue(args[0], out var group))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/IlmEnergy.Benchmarks -- <group>");
    foreach (var (name, (description, _)) in groups)
        Console.Error.WriteLine($"  {name,-10} {description}");
    return 1;
}
return group.Run();
