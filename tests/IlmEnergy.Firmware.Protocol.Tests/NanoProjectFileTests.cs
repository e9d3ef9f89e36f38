using System.Reflection;
using System.Xml.Linq;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>
/// The .nfproj cannot be built here, so check what can go stale: it compiles exactly the sources
/// the host build tests, and every referenced assembly comes from a package pinned in packages.config.
/// </summary>
public class NanoProjectFileTests
{
    private static readonly string Folder = Path.Combine(
        typeof(NanoProjectFileTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "firmware", "IlmEnergy.Firmware.Protocol");

    private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";

    [Fact]
    public void NfprojCompilesExactlyTheHostSources()
    {
        XDocument project = XDocument.Load(Path.Combine(Folder, "IlmEnergy.Firmware.Protocol.nfproj"));
        var listed = project.Descendants(Ms + "Compile").Select(e => e.Attribute("Include")!.Value.Replace('\\', '/')).Order().ToArray();
        var onDisk = Directory.GetFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Folder, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("obj/") && !p.StartsWith("bin/") && !p.StartsWith("packages/"))
            .Order().ToArray();
        Assert.Equal(onDisk, listed);

        string typeGuids = project.Descendants(Ms + "ProjectTypeGuids").Single().Value;
        Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}", typeGuids);
        Assert.Equal("Library", project.Descendants(Ms + "OutputType").Single().Value);
    }

    [Fact]
    public void EveryHintPathPointsIntoAPinnedPackage()
    {
        XDocument project = XDocument.Load(Path.Combine(Folder, "IlmEnergy.Firmware.Protocol.nfproj"));
        XDocument packages = XDocument.Load(Path.Combine(Folder, "packages.config"));
        var pinned = packages.Descendants("package").Select(p => $"{p.Attribute("id")!.Value}.{p.Attribute("version")!.Value}").ToHashSet();
        Assert.Contains("nanoFramework.CoreLibrary.1.17.11", pinned);
        Assert.All(packages.Descendants("package"), p => Assert.Equal("netnano1.0", p.Attribute("targetFramework")!.Value));

        foreach (XElement hint in project.Descendants(Ms + "HintPath"))
        {
            string[] parts = hint.Value.Split('\\');
            Assert.Equal("packages", parts[0]);
            Assert.Contains(parts[1], pinned);
        }
    }
}
