using IlmEnergy.VectorGen;

// Usage: dotnet run --project tests/IlmEnergy.VectorGen [-- --write]
// Without --write: exit 1 when tests/vectors/uplink-v1.json differs from what the encoders produce now.
string root = RepoRoot.Find();
string path = Path.Combine(root, UplinkVectors.RelativePath);
string generated = UplinkVectors.Build();

if (args.Contains("--write"))
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, generated);
    Console.WriteLine($"wrote {path} ({generated.Length} chars)");
    return 0;
}

bool same = File.Exists(path) && File.ReadAllText(path) == generated;
Console.WriteLine(same ? $"{path} is up to date" : $"{path} differs from the encoders' output; rerun with --write");
return same ? 0 : 1;
