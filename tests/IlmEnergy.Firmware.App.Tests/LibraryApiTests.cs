using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IlmEnergy.Firmware.App.Tests;

/// <summary>
/// The app is compiled here against the real firmware libraries with nanoFramework's own assemblies
/// missing. Every error must then be a missing nanoFramework name; anything else means the glue and the
/// device core disagree (a PlugDevice constructor argument, an interface member, a Metering type).
/// </summary>
public class LibraryApiTests
{
    // Unresolved type / namespace / name, or a type the host only forwards (System.IO.Ports).
    private static readonly HashSet<string> MissingNameErrors = new(StringComparer.Ordinal) { "CS0246", "CS0234", "CS0103", "CS1069" };

    private static string[] Mismatches(Func<string, string, string> edit)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable);
        CSharpCompilation compilation = CSharpCompilation.Create("App",
            AppFolder.SourceFiles().Select(f => CSharpSyntaxTree.ParseText(edit(f, AppFolder.Read(f)), new CSharpParseOptions(LanguageVersion.Latest), path: f)),
            AppFolder.HostReferences, options);

        return [.. compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Where(d => !MissingNameErrors.Contains(d.Id))
            // nanoFramework's NetworkInterface has IPv4Address; the host's class of the same name does not.
            .Where(d => !(d.Id == "CS1061" && d.GetMessage(null).Contains("'NetworkInterface'", StringComparison.Ordinal)))
            .Select(d => d.ToString())];
    }

    [Fact]
    public void App_glue_agrees_with_the_firmware_library_APIs()
    {
        string[] mismatches = Mismatches((_, text) => text);
        Assert.True(mismatches.Length == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void A_wrong_PlugDevice_call_is_caught()
    {
        string[] mismatches = Mismatches((file, text) => file == "Program.cs"
            ? text.Replace("new PlugDevice(config, flash, clock, relay, meter, mqtt, new HardwareRandom(), button, _log)",
                "new PlugDevice(config, flash, clock, relay, meter, mqtt, button, _log)", StringComparison.Ordinal)
            : text);
        Assert.Contains(mismatches, m => m.Contains("PlugDevice", StringComparison.Ordinal) || m.Contains("CS7036", StringComparison.Ordinal));
    }

    [Fact]
    public void A_glue_class_missing_an_interface_member_is_caught()
    {
        string[] mismatches = Mismatches((file, text) => file == "Glue/GpioRelay.cs"
            ? text.Replace("public bool IsClosed", "public bool IsShut", StringComparison.Ordinal)
            : text);
        Assert.Contains(mismatches, m => m.Contains("CS0535", StringComparison.Ordinal));
    }
}
