using System.Diagnostics;

namespace IlmEnergy.Firmware.Analyzers.Tests;

/// <summary>
/// End to end: a throwaway project that imports firmware/Directory.Build.props, as every firmware
/// library does, fails `dotnet build` with NF0001 once a List&lt;int&gt; appears, and builds without it.
/// </summary>
public class FirmwareBuildTests
{
    private const string BadSource =
        "namespace Probe { public class Bad { public int M() { var l = new System.Collections.Generic.List<int>(); l.Add(1); return l.Count; } } }";

    private const string GoodSource =
        "namespace Probe { public class Good { public int M() { System.Collections.ArrayList l = new System.Collections.ArrayList(); l.Add(1); return l.Count; } } }";

    [Fact]
    public void AddingAGenericListToAFirmwareLibraryFailsTheBuild()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("nf-analyzer-probe-");
        try
        {
            string firmwareProps = Path.Combine(RepoRoot.Path, "firmware", "Directory.Build.props");
            File.WriteAllText(Path.Combine(dir.FullName, "Directory.Build.props"),
                $"<Project><Import Project=\"{firmwareProps}\" /></Project>");
            File.WriteAllText(Path.Combine(dir.FullName, "Probe.Firmware.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            string source = Path.Combine(dir.FullName, "Code.cs");

            File.WriteAllText(source, BadSource);
            (int exitCode, string output) = DotnetBuild(dir.FullName);
            Assert.True(exitCode != 0, "build with List<int> should fail:\n" + output);
            Assert.Contains("error NF0001", output);

            File.WriteAllText(source, GoodSource);
            (exitCode, output) = DotnetBuild(dir.FullName);
            Assert.True(exitCode == 0, "build without generics should pass:\n" + output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) DotnetBuild(string projectDir)
    {
        var start = new ProcessStartInfo("dotnet", ["build", "-nodeReuse:false", "-v:minimal", "-clp:NoSummary"])
        {
            WorkingDirectory = projectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The test host runs under MSBuild/VSTest; keep its settings out of the child build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build timed out");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
