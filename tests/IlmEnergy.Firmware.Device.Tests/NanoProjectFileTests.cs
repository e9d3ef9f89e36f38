using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IlmEnergy.Firmware.Device.Tests;

/// <summary>Rules about the firmware sources and the .nfproj that the host compiler cannot check.</summary>
public class NanoProjectFileTests
{
    private static readonly string RepoRoot = typeof(NanoProjectFileTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static readonly string ProjectDirectory = Path.Combine(RepoRoot, "firmware", "IlmEnergy.Firmware.Device");

    private static string[] SourceFiles() =>
        [.. Directory.GetFiles(ProjectDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ProjectDirectory, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void NfprojCompilesExactlyTheSourceFilesOfTheFolder()
    {
        XDocument nfproj = XDocument.Load(Path.Combine(ProjectDirectory, "IlmEnergy.Firmware.Device.nfproj"));
        string[] listed = [.. nfproj.Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
        Assert.Equal(SourceFiles(), listed);
    }

    [Fact]
    public void PackagesConfigPinsTheCoreLibraryTheNfprojReferences()
    {
        XDocument packages = XDocument.Load(Path.Combine(ProjectDirectory, "packages.config"));
        XElement core = packages.Root!.Elements("package").Single(p => p.Attribute("id")!.Value == "nanoFramework.CoreLibrary");
        Assert.Equal("1.17.11", core.Attribute("version")!.Value);
        Assert.Equal("netnano1.0", core.Attribute("targetFramework")!.Value);
        string nfproj = File.ReadAllText(Path.Combine(ProjectDirectory, "IlmEnergy.Firmware.Device.nfproj"));
        Assert.Contains(@"packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll", nfproj, StringComparison.Ordinal);
    }

    [Fact]
    public void SourcesUseIntegerArithmeticOnly()
    {
        // The ESP32-C3 has no FPU.
        Regex banned = new(@"\b(float|double|decimal|Single|Double|Decimal)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        List<string> offences = [];
        foreach (string file in SourceFiles())
        {
            int lineNumber = 0;
            foreach (string line in File.ReadLines(Path.Combine(ProjectDirectory, file)))
            {
                lineNumber++;
                string code = line.Split("//", 2)[0];
                if (banned.IsMatch(code))
                {
                    offences.Add($"{file}:{lineNumber}: {line.Trim()}");
                }
            }
        }

        Assert.Empty(offences);
    }
}
