using System.ComponentModel.DataAnnotations;

namespace IlmEnergy.Storage.Influx;

/// <summary>
/// Settings of <see cref="InfluxReadingStore"/>. Validate with DataAnnotations
/// (<c>Validator.TryValidateObject(…, validateAllProperties: true)</c>) or <see cref="Validate"/>.
/// </summary>
public sealed class InfluxOptions : IValidatableObject
{
    /// <summary>Base URL of the v1 HTTP API (InfluxDB 1.x, 2.x compatibility endpoints, 3.x).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Url is required, e.g. http://127.0.0.1:8086.")]
    public string Url { get; set; } = "http://127.0.0.1:8086";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Database is required.")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Database must be 1-64 characters of letters, digits, '_', '.', '-'.")]
    public string Database { get; set; } = "ilmenergy";

    /// <summary>Retention policy to write into; empty uses the database's default.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{0,64}$", ErrorMessage = "RetentionPolicy must be letters, digits, '_', '.', '-'.")]
    public string? RetentionPolicy { get; set; }

    /// <summary>Basic-auth user; empty sends no credentials. For InfluxDB 2.x put the token in <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Creates the database at start-up when missing (needs admin rights when auth is on).</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>Points per HTTP write; the v1 docs recommend 5,000–10,000.</summary>
    [Range(1, 100_000, ErrorMessage = "BatchSize must be between 1 and 100000 points.")]
    public int BatchSize { get; set; } = 5000;

    /// <summary>Longest a point waits for companions before its batch is sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "FlushInterval must be between 0 and 1 minute.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Send as soon as the queue runs dry instead of waiting out <see cref="FlushInterval"/> (group commit).
    /// Keeps latency low for a caller that awaits each write; batches still grow to BatchSize under load.
    /// </summary>
    public bool FlushWhenIdle { get; set; } = true;

    /// <summary>Write requests that may wait in memory before WriteAsync callers are held back.</summary>
    [Range(1, 100_000, ErrorMessage = "QueueCapacity must be between 1 and 100000 requests.")]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>gzip request bodies (the v1 API accepts Content-Encoding: gzip).</summary>
    public bool GzipRequests { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "RequestTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per batch before it goes to the spool (1 = no retry).</summary>
    [Range(1, 20, ErrorMessage = "MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubles per attempt, with ±50 % jitter, capped at <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "RetryBaseDelay must be between 0 and 1 minute.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "RetryMaxDelay must be between 0 and 10 minutes.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Folder of the disk spool (batches kept while InfluxDB is down) and the dead-letter file.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "SpoolDirectory is required.")]
    public string SpoolDirectory { get; set; } = Path.Combine(".data", "influx-spool");

    /// <summary>Spool limit; beyond it WriteAsync fails so the source keeps (and later redelivers) its messages.</summary>
    [Range(1024L * 1024, long.MaxValue, ErrorMessage = "MaxSpoolBytes must be at least 1 MiB.")]
    public long MaxSpoolBytes { get; set; } = 1L << 30;

    /// <summary>How often the replayer probes /ping while the spool holds data.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "ReplayInterval must be between 10 ms and 10 minutes.")]
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return new ValidationResult($"Url '{Url}' must be an absolute http:// or https:// URL.", [nameof(Url)]);
        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
            yield return new ValidationResult("Username is set but Password is empty.", [nameof(Password)]);
        if (RetryMaxDelay < RetryBaseDelay)
            yield return new ValidationResult("RetryMaxDelay must not be shorter than RetryBaseDelay.", [nameof(RetryMaxDelay)]);
    }

    /// <summary>All problems, one message each; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "invalid").ToList();
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid InfluxDB options: " + string.Join(" ", problems));
    }
}
