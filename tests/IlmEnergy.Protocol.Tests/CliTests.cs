using System.Text;
using System.Text.Json;
using IlmEnergy.Cli;
using NSec.Cryptography;

namespace IlmEnergy.Protocol.Tests;

/// <summary>`ilm inspect` and `ilm demo` run end to end in-process through the real command tree.</summary>
public sealed class CliTests
{
    private static readonly Key DeviceKey = TestEncoder.NewKey(0x77);
    private static readonly byte[] Valid = TestEncoder.SignedReadings(DeviceKey);
    private static readonly string DeviceIdText = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(DeviceKey)).ToString();

    private static (int Exit, string Out, string Error) Run(byte[]? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(() => new MemoryStream(stdin ?? []), output, error);
        int exit = IlmApp.Run(args, console);
        return (exit, output.ToString(), error.ToString());
    }

    private static string SpacedHex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Inspect_accepts_a_valid_message_given_as_spaced_hex_and_prints_the_table()
    {
        var (exit, output, _) = Run(null, "inspect", SpacedHex(Valid));
        Assert.Equal(ExitCodes.Accepted, exit);
        Assert.Contains($"kid        {DeviceIdText}", output, StringComparison.Ordinal);
        Assert.Contains("ACCEPTED   Readings", output, StringComparison.Ordinal);
        Assert.Contains("seq 1042  boot 7  board athom-plug-v3", output, StringComparison.Ordinal);
        // First sample: 2025-11-24T08:00:10Z, 1234.734 Wh, 60.250 W, 230.120 V, 0.262 A, relay closed.
        Assert.Matches(@"2025-11-24T08:00:10\.000Z\s+1234\.734\s+60\.250\s+230\.120\s+0\.262\s+closed", output);
    }

    [Fact]
    public void Inspect_rejects_a_tampered_message_with_exit_code_2_and_the_reason()
    {
        var tampered = (byte[])Valid.Clone();
        tampered[100] ^= 0x04;
        var (exit, output, _) = Run(null, "inspect", Convert.ToHexString(tampered));
        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("REJECTED   105 BadSignature", output, StringComparison.Ordinal);
        Assert.Contains(DeviceIdText, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_key_option_requires_the_kid()
    {
        Assert.Equal(ExitCodes.Accepted, Run(null, "inspect", Convert.ToHexString(Valid), "--key", DeviceIdText).Exit);
        Assert.Equal(ExitCodes.Accepted, Run(null, "inspect", Convert.ToHexString(Valid), "--key", Convert.ToHexString(TestEncoder.PublicKeyOf(DeviceKey))).Exit);
        var other = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(TestEncoder.NewKey(0x78))).ToString();
        var (exit, output, _) = Run(null, "inspect", Convert.ToHexString(Valid), "--key", other);
        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Contains("104 BadKeyId", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, Run(null, "inspect", Convert.ToHexString(Valid), "--key", "not-a-key").Exit);
    }

    [Fact]
    public void Inspect_reads_binary_and_hex_files_and_stdin()
    {
        string binary = Path.GetTempFileName();
        string hex = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(binary, Valid);
            File.WriteAllText(hex, SpacedHex(Valid) + "\n");
            Assert.Equal(ExitCodes.Accepted, Run(null, "inspect", "@" + binary).Exit);
            Assert.Equal(ExitCodes.Accepted, Run(null, "inspect", binary).Exit);
            Assert.Equal(ExitCodes.Accepted, Run(null, "inspect", "@" + hex).Exit);
        }
        finally
        {
            File.Delete(binary);
            File.Delete(hex);
        }
        Assert.Equal(ExitCodes.Accepted, Run(Valid, "inspect", "-").Exit);
        Assert.Equal(ExitCodes.Accepted, Run(Encoding.ASCII.GetBytes(Convert.ToHexString(Valid)), "inspect", "-").Exit);
        Assert.Equal(ExitCodes.Rejected, Run(Valid[..^3], "inspect", "-").Exit);
    }

    [Fact]
    public void Inspect_json_output_is_machine_readable()
    {
        var (exit, output, _) = Run(null, "inspect", Convert.ToHexString(Valid), "--json");
        Assert.Equal(ExitCodes.Accepted, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("accepted").GetBoolean());
        Assert.Equal(DeviceIdText, json.GetProperty("kid").GetString());
        Assert.Equal(6, json.GetProperty("message").GetProperty("samples").GetArrayLength());
        Assert.Equal(1_234_734, json.GetProperty("message").GetProperty("samples")[0].GetProperty("energyMwh").GetInt64());

        var (rejectedExit, rejectedOutput, _) = Run(null, "inspect", Convert.ToHexString(Valid[..^1]), "--json");
        Assert.Equal(ExitCodes.Rejected, rejectedExit);
        var reason = JsonDocument.Parse(rejectedOutput).RootElement.GetProperty("reason");
        Assert.Equal(101, reason.GetProperty("code").GetInt32());
        Assert.Equal("MalformedCbor", reason.GetProperty("name").GetString());
    }

    [Fact]
    public void Inspect_usage_errors_exit_with_1()
    {
        Assert.Equal(ExitCodes.UsageError, Run(null, "inspect", "zz-not-hex").Exit);
        Assert.Equal(ExitCodes.UsageError, Run(null, "inspect", "abc").Exit); // odd number of digits
        Assert.Equal(ExitCodes.UsageError, Run(null, "inspect", "@/nonexistent/file.bin").Exit);
        Assert.Equal(ExitCodes.UsageError, Run(null, "inspect").Exit);
        Assert.Equal(ExitCodes.UsageError, Run(null, "inspect", "00", "--bogus").Exit);
        Assert.Equal(ExitCodes.UsageError, Run(null, "no-such-verb").Exit);
    }

    [Fact]
    public void Inspect_shows_hello_and_dr_commands_too()
    {
        var hello = TestEncoder.Sign(TestEncoder.EncodePayload(TestEncoder.HelloPayload()), DeviceKey);
        var (exit, output, _) = Run(null, "inspect", Convert.ToHexString(hello));
        Assert.Equal(ExitCodes.Accepted, exit);
        Assert.Contains("flags FirstAfterBoot", output, StringComparison.Ordinal);
        var command = TestEncoder.Sign(TestEncoder.EncodePayload(TestEncoder.DrCommandPayload(TestEncoder.PublicKeyOf(DeviceKey))), TestEncoder.NewKey(9));
        (exit, output, _) = Run(null, "inspect", Convert.ToHexString(command));
        Assert.Equal(ExitCodes.Accepted, exit);
        Assert.Contains($"command cmd-0001  event evt-2026-11-24-a  action Curtail  device {DeviceIdText}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_accepts_its_batch_and_rejects_the_flipped_one()
    {
        var (exit, output, _) = Run(null, "demo");
        Assert.Equal(ExitCodes.Accepted, exit);
        Assert.Contains("ACCEPTED   Readings", output, StringComparison.Ordinal);
        Assert.Contains("REJECTED   105 BadSignature", output, StringComparison.Ordinal);
        Assert.Contains("demo OK", output, StringComparison.Ordinal);
    }
}

/// <summary>The built `ilm` executable itself (Program.cs), run as a separate process.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public void Ilm_process_exit_codes()
    {
        string ilm = Path.Combine(AppContext.BaseDirectory, "ilm.dll");
        Assert.True(File.Exists(ilm), ilm);
        var valid = TestEncoder.SignedReadings(TestEncoder.NewKey(0x31));
        Assert.Equal(0, RunIlm(ilm, "inspect", Convert.ToHexString(valid)).Exit);
        var (exit, output) = RunIlm(ilm, "inspect", Convert.ToHexString(valid[..^1]));
        Assert.Equal(2, exit);
        Assert.Contains("101 MalformedCbor", output, StringComparison.Ordinal);
        Assert.Equal(1, RunIlm(ilm, "inspect", "xyz").Exit);
    }

    private static (int Exit, string Output) RunIlm(string ilm, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ilm);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
