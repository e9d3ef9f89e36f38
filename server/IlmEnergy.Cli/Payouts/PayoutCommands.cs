using System.CommandLine;
using IlmEnergy.Payouts;
using IlmEnergy.Solana;
using IlmEnergy.Solana.Rpc;
using Spectre.Console;

namespace IlmEnergy.Cli.Payouts;

/// <summary>
/// <c>ilm payouts import|plan|pay [--dry-run]|status|export</c>: the operator verbs over the payout ledger.
/// Every verb reads <c>--config</c> (see <see cref="PayoutConfig"/>). Exit 0 done, 1 usage or config error,
/// 2 refused (guard, tamper, conflict) with the reason on stderr, 3 pay stopped early (cap reached, batch failed).
/// The treasury key is read only by plan and pay, is refused if group/others can read it, and is never printed.
/// </summary>
public static class PayoutCommands
{
    public const int Ok = 0, UsageError = 1, Refused = 2, StoppedEarly = 3;

    public static Command Create() => Create(Console.Out, Console.Error);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("payouts", "token payouts: import entitlements, plan, pay (exactly once), status, export");
        command.Subcommands.Add(Import(stdout, stderr));
        command.Subcommands.Add(Plan(stdout, stderr));
        command.Subcommands.Add(Pay(stdout, stderr));
        command.Subcommands.Add(Status(stdout, stderr));
        command.Subcommands.Add(Export(stdout, stderr));
        return command;
    }

    private static Option<string> ConfigOption() => new("--config")
    {
        Description = "payouts config JSON (rpcUrl, mint, decimals, treasuryKeyPath, ledgerPath, caps)",
        DefaultValueFactory = _ => "ilm-payouts.json",
    };

    private static Command Import(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption();
        var file = new Argument<string>("csv") { Description = $"entitlements CSV with the header {EntitlementCsv.Header} (amount in base units)" };
        var command = new Command("import", "import entitlements (idempotent per settlement id and owner; a changed amount is refused)") { config, file };
        command.SetAction((parse, _) => Guarded(stderr, () =>
        {
            var options = PayoutConfig.Load(parse.GetValue(config)!).ToOptions();
            using var reader = File.OpenText(parse.GetRequiredValue(file));
            var entitlements = EntitlementCsv.Parse(reader);
            using var ledger = PayoutLedger.Open(options.LedgerPath);
            var result = ledger.Import(entitlements);
            stdout.WriteLine($"imported {result.Added} entitlements, {result.AlreadyPresent} already present");
            return Task.FromResult(Ok);
        }));
        return command;
    }

    private static Command Plan(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption();
        var command = new Command("plan", "show the batches a pay run would send now (recipients, new accounts, totals, sizes)") { config };
        command.SetAction((parse, ct) => Guarded(stderr, () => DryRunAsync(parse.GetValue(config)!, withTransactions: false, stdout, ct)));
        return command;
    }

    private static Command Pay(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "print every transaction (unsigned) and the totals; store and send nothing" };
        var command = new Command("pay", "reconcile in-flight batches, then pay pending entitlements batch by batch") { config, dryRun };
        command.SetAction((parse, ct) => Guarded(stderr, () => parse.GetValue(dryRun)
            ? DryRunAsync(parse.GetValue(config)!, withTransactions: true, stdout, ct)
            : PayAsync(parse.GetValue(config)!, stdout, ct)));
        return command;
    }

    private static Command Status(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption();
        var command = new Command("status", "entitlements by state and batches by status, from the ledger (verifies every row)") { config };
        command.SetAction((parse, _) => Guarded(stderr, () =>
        {
            using var ledger = PayoutLedger.Open(PayoutConfig.Load(parse.GetValue(config)!).ToOptions().LedgerPath);
            PayoutReports.WriteStatus(stdout, ledger.Rows(), ledger.Batches());
            return Task.FromResult(Ok);
        }));
        return command;
    }

    private static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption();
        var file = new Argument<string>("csv") { Description = "where to write the CSV (settlement, owner, amount, status, signature, batch, confirmed time)" };
        var command = new Command("export", "export paid and pending entitlements with transaction signatures for partners") { config, file };
        command.SetAction((parse, _) => Guarded(stderr, () =>
        {
            using var ledger = PayoutLedger.Open(PayoutConfig.Load(parse.GetValue(config)!).ToOptions().LedgerPath);
            var rows = ledger.Rows();
            using (var writer = new StreamWriter(parse.GetRequiredValue(file)))
                PayoutExport.Write(writer, rows);
            stdout.WriteLine($"exported {rows.Count} rows to {parse.GetRequiredValue(file)}");
            return Task.FromResult(Ok);
        }));
        return command;
    }

    private static async Task<int> DryRunAsync(string configPath, bool withTransactions, TextWriter stdout, CancellationToken ct)
    {
        using var payouts = new ConfiguredSender(configPath);
        var report = await payouts.Sender.DryRunAsync(ct);
        PayoutReports.WritePlan(stdout, report, withTransactions, payouts.Options, payouts.Treasury.PublicKey);
        return Ok;
    }

    private static async Task<int> PayAsync(string configPath, TextWriter stdout, CancellationToken ct)
    {
        using var payouts = new ConfiguredSender(configPath);
        var sender = payouts.Sender;
        var ledger = payouts.Ledger;

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        PayoutRunResult? result = null;
        await console.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            var bar = ctx.AddTask("paying", maxValue: 1);
            result = await sender.PayAsync(new Reporter(p =>
            {
                bar.MaxValue = Math.Max(1, p.ItemsTotal);
                bar.Value = p.ItemsPaid;
                bar.Description = Markup.Escape($"{p.ItemsPaid}/{p.ItemsTotal} paid");
            }), ct);
            bar.Value = bar.MaxValue;
        });
        foreach (var batch in ledger.Batches().Where(b => b.Status == BatchStatus.Confirmed).TakeLast(Math.Max(1, result!.BatchesConfirmed)))
            stdout.WriteLine($"batch {batch.Id} confirmed {batch.Signature} ({batch.Items.Count} recipients, {batch.Total} base units)");
        stdout.WriteLine($"paid {result.ItemsPaid} entitlements, {result.AmountPaid} base units in {result.BatchesConfirmed} transactions; {result.BatchesExpired} expired and replanned");
        if (result.StoppedBecause is not null)
        {
            stdout.WriteLine("stopped: " + result.StoppedBecause);
            return StoppedEarly;
        }
        return Ok;
    }

    /// <summary>Turns the expected failures into one clear line on stderr and an exit code, never a stack trace.</summary>
    private static async Task<int> Guarded(TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is PayoutRefusedException or LedgerTamperedException or EntitlementConflictException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync(e.Message);
            return Refused;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or RpcException or HttpRequestException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return UsageError;
        }
    }

    /// <summary>The payout sender a config file describes, with the treasury key, ledger and RPC client it owns.</summary>
    private sealed class ConfiguredSender : IDisposable
    {
        private readonly HttpClient http;

        public ConfiguredSender(string configPath)
        {
            var config = PayoutConfig.Load(configPath);
            Options = config.ToOptions();
            Treasury = Keypair.ReadFromFile(Options.TreasuryKeyPath);
            try
            {
                Ledger = PayoutLedger.Open(Options.LedgerPath);
            }
            catch
            {
                Treasury.Dispose();
                throw;
            }
            http = new HttpClient();
            var rpc = new SolanaRpcClient(http, new SolanaRpcOptions { Endpoint = config.RpcEndpoint, DefaultCommitment = Options.ConfirmationCommitment });
            Sender = new PayoutSender(Ledger, rpc, Treasury, Options);
        }

        public PayoutOptions Options { get; }
        public Keypair Treasury { get; }
        public PayoutLedger Ledger { get; }
        public PayoutSender Sender { get; }

        public void Dispose()
        {
            Ledger.Dispose();
            http.Dispose();
            Treasury.Dispose();
        }
    }

    private sealed class Reporter(Action<PayoutProgress> report) : IProgress<PayoutProgress>
    {
        public void Report(PayoutProgress value) => report(value);
    }
}
