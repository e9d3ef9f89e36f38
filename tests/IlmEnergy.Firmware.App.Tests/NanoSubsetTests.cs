using System.Collections.Immutable;
using System.Text.RegularExpressions;
using IlmEnergy.Firmware.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IlmEnergy.Firmware.App.Tests;

/// <summary>
/// The app folder is never compiled on the host, so the firmware analyzer that guards the libraries
/// does not see it. Here it runs over the app's sources compiled against the host BCL and the firmware
/// libraries: nanoFramework-only types stay unresolved, which hides nothing the syntax rules look for
/// (generics syntax, interpolation, async, LINQ queries, tuples, records, ...).
/// </summary>
public class NanoSubsetTests
{
    private static ImmutableArray<Diagnostic> Analyze(IEnumerable<(string Path, string Text)> sources)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable, allowUnsafe: true);
        CSharpCompilation compilation = CSharpCompilation.Create("App",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), path: s.Path)),
            AppFolder.HostReferences, options);

        // Syntax errors would make the walk meaningless; unresolved nanoFramework names are expected.
        Diagnostic[] syntaxErrors = [.. compilation.SyntaxTrees.SelectMany(t => t.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.True(syntaxErrors.Length == 0, string.Join("; ", syntaxErrors.Select(d => d.ToString())));

        return compilation.WithAnalyzers([new NanoSubsetAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    private static IEnumerable<(string Path, string Text)> AppSources() =>
        AppFolder.SourceFiles().Select(f => (f, AppFolder.Read(f)));

    [Fact]
    public void App_sources_stay_within_the_nanoFramework_subset()
    {
        ImmutableArray<Diagnostic> found = Analyze(AppSources());
        Assert.True(found.IsEmpty, string.Join(Environment.NewLine, found.Select(d => d.ToString())));
    }

    [Theory]
    [InlineData("System.Collections.Generic.List<int> l = null;", "NF0001")]
    [InlineData("string s = $\"{_port}\";", "NF0007")]
    [InlineData("var q = from c in \"ab\" select c;", "NF0002")]
    [InlineData("(int, int) t = (1, 2);", "NF0005")]
    [InlineData("int? n = null;", "NF0001")]
    public void A_forbidden_construct_in_glue_code_is_reported(string statement, string expectedId)
    {
        // Proves the check works on code that references unresolved nanoFramework APIs (SerialPort here).
        string glue = AppFolder.Read("Glue/SerialPortLink.cs");
        string broken = glue.Replace("int waiting = _port.BytesToRead;", statement + " int waiting = _port.BytesToRead;", StringComparison.Ordinal);
        Assert.NotEqual(glue, broken);

        ImmutableArray<Diagnostic> found = Analyze([("Glue/SerialPortLink.cs", broken)]);
        Assert.Contains(found, d => d.Id == expectedId);
    }

    [Fact]
    public void A_record_or_async_method_in_the_app_is_reported()
    {
        ImmutableArray<Diagnostic> found = Analyze(
        [
            ("A.cs", "namespace IlmEnergy.Firmware.App { public record Pins(int Relay); }"),
            ("B.cs", "namespace IlmEnergy.Firmware.App { public class L { public async void Run() { } } }"),
        ]);
        Assert.Contains(found, d => d.Id == "NF0006");
        Assert.Contains(found, d => d.Id == "NF0003");
    }

    [Fact]
    public void App_sources_use_integer_arithmetic_only()
    {
        // The ESP32-C3 has no FPU, and double-only Math APIs need a DP-enabled firmware image.
        Regex banned = new(@"\b(float|double|decimal|Single|Double|Decimal)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        List<string> offences = [];
        foreach ((string path, string text) in AppSources())
        {
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].Split("//", 2)[0];
                if (banned.IsMatch(code))
                {
                    offences.Add($"{path}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.Empty(offences);
    }

    [Fact]
    public void App_sources_declare_their_namespace_in_a_block()
    {
        // nanoFramework projects here use block-scoped namespaces (firmware/Directory.Build.props convention).
        foreach ((string path, string text) in AppSources().Where(s => !s.Path.StartsWith("Properties/", StringComparison.Ordinal)))
        {
            Assert.Matches(new Regex(@"^namespace IlmEnergy\.Firmware\.App\r?$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), text);
        }
    }
}
