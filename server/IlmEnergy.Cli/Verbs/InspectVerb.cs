using System.CommandLine;
using IlmEnergy.Protocol;

namespace IlmEnergy.Cli.Verbs;

/// <summary>
/// <c>ilm inspect &lt;hex | @file | path | -&gt; [--key id] [--json]</c>: decode and verify one signed
/// message with the server's own decoder and show the result. Exit 0 accepted, 2 rejected, 1 usage error.
/// </summary>
public static class InspectVerb
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("message")
        {
            Description = "the message as hex (spaces allowed), @path or a path to a file (binary or hex), or - for stdin",
        };
        var key = new Option<string?>("--key")
        {
            Description = "require the kid to be this Ed25519 public key (Base58 device id or 64 hex digits)",
        };
        var json = new Option<bool>("--json") { Description = "print JSON instead of a table" };

        var command = new Command("inspect", "decode and verify a signed IlmEnergy message (any kind)") { input, key, json };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(input), parse.GetValue(key), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string argument, string? keyText, bool asJson)
    {
        DeviceId? expected = null;
        if (keyText is not null && !TryParseKey(keyText, out expected))
        {
            console.Error.WriteLine($"--key: '{keyText}' is neither a Base58 device id nor 64 hex digits");
            return ExitCodes.UsageError;
        }
        if (!MessageInput.TryRead(argument, console, out var message, out string error))
        {
            console.Error.WriteLine(error);
            return ExitCodes.UsageError;
        }

        // Inspect shows every kind (DR commands too), so it accepts all of them.
        var decoder = new UplinkDecoder(new UplinkDecoderOptions { AcceptedKinds = MessageKinds.All, ExpectedSigner = expected });
        var result = decoder.Decode(message);
        if (asJson)
            InspectReport.WriteJson(console.Out, message.Length, result);
        else
            InspectReport.WriteText(console.Out, message.Length, result);
        return result.IsAccepted ? ExitCodes.Accepted : ExitCodes.Rejected;
    }

    private static bool TryParseKey(string text, out DeviceId? key)
    {
        if (DeviceId.TryParse(text, out key))
            return true;
        if (text.Length == 64 && MessageInput.TryParseHex(text, out var bytes))
        {
            key = DeviceId.FromPublicKey(bytes);
            return true;
        }
        return false;
    }
}
