using System.CommandLine;
using IlmEnergy.Cli.Verbs;

namespace IlmEnergy.Cli;

/// <summary>Builds the `ilm` command tree and runs it.</summary>
public static class IlmApp
{
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("ilm: IlmEnergy operator tool")
        {
            InspectVerb.Create(console),
            DemoVerb.Create(console),
            Payouts.PayoutCommands.Create(console.Out, console.Error),
        };
        // `@path` names a message file here, not a System.CommandLine response file.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        // Parse errors print help text and return 1 (ExitCodes.UsageError).
        return root.Parse(args, parser).Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
