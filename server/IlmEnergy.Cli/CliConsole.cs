namespace IlmEnergy.Cli;

/// <summary>The streams a verb reads and writes, so tests can run the tool in-process.</summary>
public sealed record CliConsole(Func<Stream> OpenStandardInput, TextWriter Out, TextWriter Error)
{
    public static CliConsole System { get; } = new(Console.OpenStandardInput, Console.Out, Console.Error);
}
