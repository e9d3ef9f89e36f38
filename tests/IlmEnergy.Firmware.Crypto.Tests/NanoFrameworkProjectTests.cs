using System.Reflection;
using System.Xml.Linq;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>The .nfproj cannot be built here, so at least keep it listing exactly the sources the host compiles.</summary>
public class NanoFrameworkProjectTests
{
    private static readonly string ProjectFolder = Path.Combine(RepoRoot(), "firmware", "IlmEnergy.Firmware.Crypto");

    [Fact]
    public void Nfproj_compiles_every_source_file_of_the_folder_and_nothing_else()
    {
        XDocument project = XDocument.Load(Path.Combine(ProjectFolder, "IlmEnergy.Firmware.Crypto.nfproj"));
        var listed = project.Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();

        var onDisk = Directory.GetFiles(ProjectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(ProjectFolder, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(onDisk, listed);
    }

    [Fact]
    public void Nfproj_references_the_packages_pinned_in_packages_config()
    {
        XDocument packages = XDocument.Load(Path.Combine(ProjectFolder, "packages.config"));
        XDocument project = XDocument.Load(Path.Combine(ProjectFolder, "IlmEnergy.Firmware.Crypto.nfproj"));
        var hintPaths = project.Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToArray();

        var pinned = packages.Root!.Elements("package").ToArray();
        Assert.Contains(pinned, p => p.Attribute("id")!.Value == "nanoFramework.CoreLibrary");
        foreach (XElement package in pinned)
        {
            string folder = @"packages\" + package.Attribute("id")!.Value + "." + package.Attribute("version")!.Value + @"\";
            Assert.Contains(hintPaths, h => h.StartsWith(folder, StringComparison.Ordinal));
            Assert.Equal("netnano1.0", package.Attribute("targetFramework")!.Value);
        }
    }

    private static string RepoRoot()
    {
        return typeof(NanoFrameworkProjectTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!;
    }
}
