using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IlmEnergy.Firmware.Metering.Tests;

/// <summary>Rules about the firmware sources themselves, which the compiler cannot enforce.</summary>
public class FirmwareSourceTests
{
    private static readonly string ProjectDirectory = Path.Combine(Repo.Root, "firmware", "IlmEnergy.Firmware.Metering");

    private static string[] SourceFiles() =>
        Directory.GetFiles(ProjectDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ProjectDirectory, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Nfproj_compiles_exactly_the_files_the_host_build_compiles()
    {
        XDocument nfproj = XDocument.Load(Path.Combine(ProjectDirectory, "IlmEnergy.Firmware.Metering.nfproj"));
        string[] listed = nfproj.Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(SourceFiles(), listed);
    }

    [Fact]
    public void Packages_config_pins_the_core_library_the_nfproj_references()
    {
        XDocument packages = XDocument.Load(Path.Combine(ProjectDirectory, "packages.config"));
        XElement core = packages.Root!.Elements("package").Single(p => p.Attribute("id")!.Value == "nanoFramework.CoreLibrary");
        Assert.Equal("1.17.11", core.Attribute("version")!.Value);
        Assert.Equal("netnano1.0", core.Attribute("targetFramework")!.Value);
        string nfproj = File.ReadAllText(Path.Combine(ProjectDirectory, "IlmEnergy.Firmware.Metering.nfproj"));
        Assert.Contains(@"packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll", nfproj, StringComparison.Ordinal);
    }

    [Fact]
    public void Firmware_sources_use_integer_arithmetic_only()
    {
        // The ESP32-C3 has no FPU: float, double and decimal are banned outside comments.
        var banned = new Regex(@"\b(float|double|decimal|Single|Double|Decimal)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var offences = new List<string>();
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
