using System.CommandLine;
using System.Text.Json;
using IlmEnergy.Cli.Payouts;
using IlmEnergy.Solana.Tests;
using Xunit.Abstractions;

namespace IlmEnergy.Payouts.Tests;

/// <summary>The `ilm payouts` verbs run in-process against the harness, as an operator would run them.</summary>
[Collection(SolanaHarnessCollection.Name)]
public sealed class PayoutCliTests(SolanaHarnessFixture harness, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ilm-payouts-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { PayoutCommands.Create(stdout, stderr) };
        var exit = await root.Parse(["payouts", .. args]).InvokeAsync();
        output.WriteLine($"$ ilm payouts {string.Join(' ', args)} -> {exit}\n{stdout}{stderr}");
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string WriteConfig(PayoutChain chain, string keyPath, ulong outflowCap = 1_000_000_000_000)
    {
        var path = Path.Combine(_dir, "payouts.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            rpcUrl = harness.Url.ToString(),
            mint = chain.Mint.ToBase58(),
            decimals = PayoutChain.Decimals,
            treasuryKeyPath = keyPath,
            ledgerPath = Path.Combine(_dir, "ledger.db"),
            outflowCapPerWindow = outflowCap,
            perRecipientCapPerWindow = 10_000_000,
            outflowWindow = "1.00:00:00",
            pollInterval = "00:00:00.005",
            resendInterval = "00:00:00.020",
            minimumSolReserveLamports = 1_000_000,
        }));
        return path;
    }

    [Fact]
    public async Task Import_plan_dry_run_pay_status_and_export_work_end_to_end_and_never_print_the_key()
    {
        const ulong supply = 1_000_000_000;
        using var chain = await PayoutChain.CreateAsync(harness, supply);
        var keyPath = Path.Combine(_dir, "treasury.json");
        chain.Treasury.WriteToFile(keyPath);
        var config = WriteConfig(chain, keyPath);
        var entitlements = PayoutChain.Entitlements("cli-event", 25);
        var csv = Path.Combine(_dir, "entitlements.csv");
        using (var w = File.CreateText(csv)) EntitlementCsv.Write(w, entitlements);

        var import = await RunAsync("import", csv, "--config", config);
        Assert.Equal((0, "imported 25 entitlements, 0 already present"), (import.Exit, import.Out.Trim()));
        Assert.Equal("imported 0 entitlements, 25 already present", (await RunAsync("import", csv, "--config", config)).Out.Trim());

        var plan = await RunAsync("plan", "--config", config);
        Assert.Equal(0, plan.Exit);
        var total = entitlements.Aggregate(0UL, (s, e) => s + e.Amount);
        Assert.Contains($"25 recipients, {total} base units", plan.Out);

        var dry = await RunAsync("pay", "--dry-run", "--config", config);
        Assert.Equal(0, dry.Exit);
        Assert.Contains("unsigned transaction (base64):", dry.Out);
        Assert.All(entitlements, e => Assert.Contains($"{e.Amount} ({PayoutReports.Units(e.Amount, 6)}) -> {e.Owner}", dry.Out));
        Assert.Equal(supply, await chain.TreasuryTokensAsync());

        var pay = await RunAsync("pay", "--config", config);
        Assert.Equal(0, pay.Exit);
        Assert.Contains($"paid 25 entitlements, {total} base units", pay.Out);
        foreach (var e in entitlements) Assert.Equal(e.Amount, await chain.TokenBalanceAsync(e.Owner));

        var status = await RunAsync("status", "--config", config);
        Assert.Matches(@"paid\s+25 entitlements", status.Out);
        Assert.Matches(@"pending\s+0 entitlements", status.Out);

        var exportPath = Path.Combine(_dir, "export.csv");
        Assert.Equal(0, (await RunAsync("export", exportPath, "--config", config)).Exit);
        var lines = File.ReadAllLines(exportPath);
        Assert.Equal(PayoutExport.Header, lines[0]);
        Assert.Equal(26, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^cli-event,[0-9a-f]{64},\w+,\d+,paid,\w{80,90},\d+,20\d\d-", l));

        var secret = chain.Treasury.ToJson();
        foreach (var text in new[] { import.Out, plan.Out, dry.Out, pay.Out, status.Out })
            Assert.DoesNotContain(secret[1..20], text, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_key_file_readable_by_others_a_bad_config_and_a_cap_are_refused_with_a_clear_message()
    {
        using var chain = await PayoutChain.CreateAsync(harness, 1_000_000_000);
        var keyPath = Path.Combine(_dir, "treasury.json");
        chain.Treasury.WriteToFile(keyPath);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var config = WriteConfig(chain, keyPath, outflowCap: 10);
        var csv = Path.Combine(_dir, "entitlements.csv");
        using (var w = File.CreateText(csv)) EntitlementCsv.Write(w, PayoutChain.Entitlements("cli-refuse", 3));
        Assert.Equal(0, (await RunAsync("import", csv, "--config", config)).Exit);

        var loose = await RunAsync("pay", "--config", config);
        Assert.Equal(PayoutCommands.Refused, loose.Exit);
        Assert.Contains("chmod 600", loose.Err);

        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var capped = await RunAsync("pay", "--config", config);
        Assert.Equal(PayoutCommands.Refused, capped.Exit);
        Assert.Contains("outflow cap allows 10 more", capped.Err);
        Assert.Equal(1_000_000_000UL, await chain.TreasuryTokensAsync());

        File.WriteAllText(config, File.ReadAllText(config).Replace("outflowCapPerWindow", "outflowCapPerWindowTypo", StringComparison.Ordinal));
        var typo = await RunAsync("status", "--config", config);
        Assert.Equal(PayoutCommands.UsageError, typo.Exit);
        Assert.StartsWith("error:", typo.Err);
    }
}
