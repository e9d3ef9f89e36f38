using System.Xml.Linq;

namespace IlmEnergy.Firmware.App.Tests;

/// <summary>
/// The .nfproj and packages.config cannot be built here (nanoFramework's MSBuild system is Windows/Mono
/// only), so these tests hold them to the rules the nanoFramework build would enforce.
/// </summary>
public class NanoProjectTests
{
    private static readonly XDocument Nfproj = XDocument.Load(AppFolder.Nfproj);

    private static IEnumerable<XElement> Elements(string name) => Nfproj.Descendants().Where(e => e.Name.LocalName == name);

    private static Dictionary<string, string> Packages(string packagesConfig) =>
        XDocument.Load(packagesConfig).Root!.Elements("package")
            .ToDictionary(p => p.Attribute("id")!.Value, p => p.Attribute("version")!.Value, StringComparer.Ordinal);

    [Fact]
    public void Nfproj_compiles_exactly_the_source_files_of_the_folder()
    {
        string[] listed = [.. Elements("Compile").Select(e => e.Attribute("Include")!.Value.Replace('\\', '/')).Order(StringComparer.Ordinal)];
        Assert.Equal(AppFolder.SourceFiles(), listed);
        Assert.Contains("Program.cs", listed);
    }

    [Fact]
    public void Nfproj_is_a_nanoFramework_executable_in_the_samples_layout()
    {
        string text = File.ReadAllText(AppFolder.Nfproj);
        Assert.Equal("Exe", Elements("OutputType").Single().Value);
        Assert.Equal("v1.0", Elements("TargetFrameworkVersion").Single().Value);
        Assert.StartsWith("{11A8DD76-328B-46DF-9F39-F559912D0360};", Elements("ProjectTypeGuids").Single().Value, StringComparison.Ordinal);
        foreach (string import in new[] { "NFProjectSystem.Default.props", "NFProjectSystem.props", "NFProjectSystem.CSharp.targets" })
        {
            Assert.Contains("$(NanoFrameworkProjectSystemPath)" + import, text, StringComparison.Ordinal);
        }

        Guid own = Guid.Parse(Elements("ProjectGuid").Single().Value);
        foreach (string other in Directory.GetFiles(AppFolder.Firmware, "*.nfproj", SearchOption.AllDirectories).Where(p => p != AppFolder.Nfproj))
        {
            XElement guid = XDocument.Load(other).Descendants().Single(e => e.Name.LocalName == "ProjectGuid");
            Assert.NotEqual(own, Guid.Parse(guid.Value));
        }
    }

    [Fact]
    public void Project_references_are_the_four_firmware_libraries_and_exist()
    {
        string[] references = [.. Elements("ProjectReference").Select(e => e.Attribute("Include")!.Value).Order(StringComparer.Ordinal)];
        Assert.Equal(
            [
                @"..\IlmEnergy.Firmware.Crypto\IlmEnergy.Firmware.Crypto.nfproj",
                @"..\IlmEnergy.Firmware.Device\IlmEnergy.Firmware.Device.nfproj",
                @"..\IlmEnergy.Firmware.Metering\IlmEnergy.Firmware.Metering.nfproj",
                @"..\IlmEnergy.Firmware.Protocol\IlmEnergy.Firmware.Protocol.nfproj",
            ],
            references);
        foreach (string reference in references)
        {
            Assert.True(File.Exists(Path.Combine(AppFolder.Root, reference.Replace('\\', Path.DirectorySeparatorChar))), reference);
        }
    }

    [Fact]
    public void Every_hint_path_points_into_a_package_of_packages_config_and_every_package_is_used()
    {
        Dictionary<string, string> packages = Packages(AppFolder.PackagesConfig);
        HashSet<string> used = new(StringComparer.Ordinal);
        foreach (XElement reference in Elements("Reference"))
        {
            string include = reference.Attribute("Include")!.Value;
            string hint = reference.Elements().Single(e => e.Name.LocalName == "HintPath").Value;
            string[] parts = hint.Split('\\');
            Assert.True(parts.Length == 4 && parts[0] == "packages" && parts[2] == "lib", "unexpected HintPath layout: " + hint);

            string packageFolder = parts[1];
            KeyValuePair<string, string> package = packages.SingleOrDefault(p => packageFolder == p.Key + "." + p.Value);
            Assert.True(package.Key != null, "HintPath " + hint + " names no package of packages.config");
            used.Add(package.Key);

            // Include = "Assembly, Version=a.b.c.d, ..." where a.b.c is the package version.
            string[] fields = include.Split(", ");
            Assert.Equal(fields[0] + ".dll", parts[3]);
            string version = fields.Single(f => f.StartsWith("Version=", StringComparison.Ordinal))["Version=".Length..];
            Assert.StartsWith(package.Value + ".", version, StringComparison.Ordinal);
            Assert.Contains("PublicKeyToken=c07d481e9758c731", include, StringComparison.Ordinal);
        }

        Assert.Equal(packages.Keys.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Packages_config_entries_are_unique_and_target_netnano()
    {
        XElement[] entries = [.. XDocument.Load(AppFolder.PackagesConfig).Root!.Elements("package")];
        Assert.Equal(entries.Length, entries.Select(e => e.Attribute("id")!.Value).Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e => Assert.Equal("netnano1.0", e.Attribute("targetFramework")!.Value));
    }

    /// <summary>
    /// One release line: exactly the set nanoframework/Samples pins together on CoreLibrary 1.17.11 (its
    /// SDK-style migration: MQTT BasicExample.WiFi, SerialCommunication, BasicFileSystemExample,
    /// Esp32PulseCounter, AzureSDK). Bumping one package alone would mismatch the firmware's native assemblies.
    /// </summary>
    [Fact]
    public void Package_versions_are_one_release_line()
    {
        Dictionary<string, string> expected = new(StringComparer.Ordinal)
        {
            ["nanoFramework.CoreLibrary"] = "1.17.11",
            ["nanoFramework.Hardware.Esp32"] = "1.6.37",
            ["nanoFramework.M2Mqtt"] = "5.1.215",
            ["nanoFramework.Networking.Sntp"] = "1.6.42",
            ["nanoFramework.Runtime.Events"] = "1.11.32",
            ["nanoFramework.Runtime.Native"] = "1.7.11",
            ["nanoFramework.System.Collections"] = "1.5.67",
            ["nanoFramework.System.Device.Gpio"] = "1.1.57",
            ["nanoFramework.System.Device.Wifi"] = "1.5.144",
            ["nanoFramework.System.IO.FileSystem"] = "1.1.87",
            ["nanoFramework.System.IO.Ports"] = "1.1.132",
            ["nanoFramework.System.IO.Streams"] = "1.1.96",
            ["nanoFramework.System.Net"] = "1.11.52",
            ["nanoFramework.System.Text"] = "1.3.42",
            ["nanoFramework.System.Threading"] = "1.1.52",
        };
        Assert.Equal(expected, Packages(AppFolder.PackagesConfig));
    }

    [Fact]
    public void The_libraries_the_app_references_pin_the_same_versions_as_the_app()
    {
        Dictionary<string, string> app = Packages(AppFolder.PackagesConfig);
        foreach (string config in Directory.GetFiles(AppFolder.Firmware, "packages.config", SearchOption.AllDirectories)
                     .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}packages{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (KeyValuePair<string, string> package in Packages(config))
            {
                Assert.True(app.TryGetValue(package.Key, out string version), config + " uses " + package.Key + ", which the app does not pin");
                Assert.True(version == package.Value, config + " pins " + package.Key + " " + package.Value + ", the app " + version);
            }
        }
    }
}
