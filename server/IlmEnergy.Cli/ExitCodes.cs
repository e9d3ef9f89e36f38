namespace IlmEnergy.Cli;

/// <summary>Process exit codes of `ilm`; scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Accepted = 0;
    public const int UsageError = 1;
    public const int Rejected = 2;
}
