using System.Collections.Immutable;
using IlmEnergy.Firmware.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IlmEnergy.Firmware.Analyzers.Tests;

/// <summary>Compiles C# sources against the running .NET's reference set and runs the analyzer on them.</summary>
internal static class AnalyzerHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    /// <summary>
    /// Returns the analyzer's diagnostics. Fails first if the snippet itself does not compile, so a
    /// test cannot pass merely because its code was broken.
    /// </summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable, allowUnsafe: true);
        CSharpCompilation compilation = CSharpCompilation.Create("Snippet",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"Snippet{i}.cs")),
            References, options);

        Diagnostic[] compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(compileErrors.Length == 0, "snippet does not compile: " + string.Join("; ", compileErrors.Select(d => d.ToString())));

        return compilation.WithAnalyzers([new NanoSubsetAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
