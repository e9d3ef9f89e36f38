using System.ComponentModel.DataAnnotations;

namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>Concurrency and batching of the ingest pipeline.</summary>
public sealed class IngestPipelineOptions
{
    /// <summary>Signature-verification workers; verification is the dominant CPU cost, so one per core.</summary>
    [Range(1, 256)]
    public int VerifyWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>Messages received but not yet acknowledged; when full, receiving waits (back-pressure to the broker).</summary>
    [Range(16, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Most messages decided, archived and stored together in one durable commit.</summary>
    [Range(1, 100_000)]
    public int CommitBatchSize { get; set; } = 2_000;

    /// <summary>How long a device's registry record is cached; status changes take effect within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RegistryCacheTime { get; set; } = TimeSpan.FromSeconds(30);
}
