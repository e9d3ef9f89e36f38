using System.Reflection;

namespace IlmEnergy.Firmware.Analyzers.Tests;

internal static class RepoRoot
{
    public static string Path { get; } = typeof(RepoRoot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
