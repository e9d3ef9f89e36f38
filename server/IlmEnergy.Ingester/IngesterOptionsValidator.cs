using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace IlmEnergy.Ingester;

/// <summary>
/// Validates the whole options tree at start-up (DataAnnotations on every nested object plus the
/// rules that span fields), so a bad setting stops the service with a message naming it.
/// </summary>
public sealed class IngesterOptionsValidator : IValidateOptions<IngesterOptions>
{
    public ValidateOptionsResult Validate(string? name, IngesterOptions options)
    {
        var failures = new List<string>();
        Check(options, "Ingester", failures);
        Check(options.Mqtt, "Ingester:Mqtt", failures);
        Check(options.Storage, "Ingester:Storage", failures);
        Check(options.Registry, "Ingester:Registry", failures);
        Check(options.Pipeline, "Ingester:Pipeline", failures);
        Check(options.Validation, "Ingester:Validation", failures);
        if (options.Storage.Kind == StorageKind.Influx) Check(options.Storage.Influx, "Ingester:Storage:Influx", failures);
        if (!string.IsNullOrWhiteSpace(options.Mqtt.Host) && options.Mqtt.Host.Contains("://", StringComparison.Ordinal))
            failures.Add("Ingester:Mqtt:Host takes a host name or address, not a URL (set Port separately).");
        if (options.BoardsDirectory is { Length: > 0 } boards && !Directory.Exists(boards))
            failures.Add($"Ingester:BoardsDirectory '{boards}' does not exist.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object target, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true)) return;
        foreach (var result in results)
            failures.Add($"{path}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}");
    }
}
