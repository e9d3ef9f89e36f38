using IlmEnergy.Cli;

// Thin entry point: everything lives in IlmApp and one file per verb under Verbs/.
return IlmApp.Run(args, CliConsole.System);
