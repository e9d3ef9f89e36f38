using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace IlmEnergy.Firmware.App.Tests;

/// <summary>Where the app's files are, and its sources as the nanoFramework build sees them.</summary>
internal static class AppFolder
{
    public static string RepoRoot { get; } = typeof(AppFolder).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string Firmware { get; } = Path.Combine(RepoRoot, "firmware");

    public static string Root { get; } = Path.Combine(Firmware, "IlmEnergy.Firmware.App");

    public static string Nfproj { get; } = Path.Combine(Root, "IlmEnergy.Firmware.App.nfproj");

    public static string PackagesConfig { get; } = Path.Combine(Root, "packages.config");

    /// <summary>Every .cs file of the app, relative with '/' separators, sorted.</summary>
    public static string[] SourceFiles() =>
        [.. Directory.GetFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal)
                && !f.StartsWith("packages/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    /// <summary>
    /// What the app is compiled against on the host: the host's BCL and the real firmware libraries.
    /// nanoFramework's own assemblies are missing, so their names stay unresolved.
    /// </summary>
    public static ImmutableArray<MetadataReference> HostReferences { get; } =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(IlmEnergy.Firmware.Metering.IMeter).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IlmEnergy.Firmware.Device.PlugDevice).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IlmEnergy.Firmware.Protocol.Topics).Assembly.Location),
    ];
}
