using System.Diagnostics.CodeAnalysis;

namespace IlmEnergy.Cli;

/// <summary>
/// Turns the `inspect` argument into message bytes: <c>-</c> reads stdin, <c>@path</c> or an existing path
/// reads a file, anything else is hex (spaces, newlines and an optional 0x prefix allowed). Stdin and
/// files may hold either the raw bytes or hex text.
/// </summary>
public static class MessageInput
{
    public static bool TryRead(string argument, CliConsole console, [NotNullWhen(true)] out byte[]? bytes, out string error)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(console);
        bytes = null;
        error = "";
        try
        {
            if (argument == "-")
            {
                using var stdin = console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                bytes = HexOrRaw(buffer.ToArray());
                return true;
            }
            string? path = argument.StartsWith('@') ? argument[1..] : File.Exists(argument) ? argument : null;
            if (path is not null)
            {
                bytes = HexOrRaw(File.ReadAllBytes(path));
                return true;
            }
        }
        catch (IOException e)
        {
            error = e.Message;
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            error = e.Message;
            return false;
        }

        if (TryParseHex(argument, out bytes))
            return true;
        error = $"'{Shorten(argument)}' is neither hex, '-' (stdin), nor an existing file (use @path)";
        return false;
    }

    /// <summary>Hex digits with optional whitespace and 0x prefix; false for anything else or an odd count.</summary>
    public static bool TryParseHex(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[2..];
        var digits = new System.Text.StringBuilder(trimmed.Length);
        foreach (char c in trimmed)
        {
            if (char.IsWhiteSpace(c))
                continue;
            if (!char.IsAsciiHexDigit(c))
            {
                bytes = null;
                return false;
            }
            digits.Append(c);
        }
        bytes = digits.Length > 0 && digits.Length % 2 == 0 ? Convert.FromHexString(digits.ToString()) : null;
        return bytes is not null;
    }

    // A file of hex text is convenient to paste into; a COSE message never starts with a hex digit
    // character (0xD2 is the tag-18 head), so the two cannot be confused for valid messages.
    private static byte[] HexOrRaw(byte[] content)
    {
        string asText = System.Text.Encoding.ASCII.GetString(content);
        return content.Length > 0 && content.All(b => b < 0x80) && TryParseHex(asText, out var hex) ? hex : content;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
