using System.ComponentModel.DataAnnotations;
using IlmEnergy.Ingestion.Pipeline;
using IlmEnergy.Ingestion.Validation;

namespace IlmEnergy.Ingester;

/// <summary>
/// All settings of the ingester, bound from the "Ingester" section of appsettings.json and from
/// environment variables (Ingester__Mqtt__Host=broker.example, …), validated at start-up.
/// </summary>
public sealed class IngesterOptions
{
    public const string Section = "Ingester";

    /// <summary>Folder for the embedded databases (registry, archive, SQLite readings) and the InfluxDB spool.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Folder of the board definitions (hardware/boards/*.json); defaults to the copy shipped beside the binary.</summary>
    public string? BoardsDirectory { get; set; }

    [Required]
    public MqttOptions Mqtt { get; set; } = new();

    [Required]
    public StorageOptions Storage { get; set; } = new();

    [Required]
    public RegistryOptions Registry { get; set; } = new();

    [Required]
    public IngestPipelineOptions Pipeline { get; set; } = new();

    [Required]
    public ValidationOptions Validation { get; set; } = new();
}

public sealed class MqttOptions
{
    /// <summary>External broker host; empty runs the embedded MQTTnet broker on <see cref="EmbeddedBrokerPort"/>.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Port of the embedded broker, bound to 127.0.0.1 unless <see cref="EmbeddedBrokerBindAny"/>.</summary>
    [Range(0, 65535)]
    public int EmbeddedBrokerPort { get; set; } = 1883;

    /// <summary>Let plugs on the network reach the embedded broker (binds all interfaces).</summary>
    public bool EmbeddedBrokerBindAny { get; set; }

    /// <summary>Unique per instance: the broker keeps this instance's persistent session under it.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = "ilm-ingester-" + Environment.MachineName.ToLowerInvariant();

    /// <summary>Shared-subscription group; all ingesters of one deployment use the same one.</summary>
    [Required(AllowEmptyStrings = false), RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "SharedGroup may hold letters, digits, '_' and '-' only.")]
    public string SharedGroup { get; set; } = "ilm-ingest";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long the broker keeps this instance's session (and queued messages) while it is away.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Unacknowledged messages the broker may have in flight to us (MQTT 5 Receive Maximum).</summary>
    [Range(1, 65535)]
    public int ReceiveMaximum { get; set; } = 4096;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);
}

public enum StorageKind
{
    /// <summary>Embedded SQLite: first runs and small pilots.</summary>
    Sqlite,

    /// <summary>InfluxDB over its v1 HTTP API (1.x, 2.x compatibility endpoints, 3.x).</summary>
    Influx,
}

public sealed class StorageOptions
{
    public StorageKind Kind { get; set; } = StorageKind.Sqlite;

    /// <summary>InfluxDB settings, used when <see cref="Kind"/> is Influx.</summary>
    public IlmEnergy.Storage.Influx.InfluxOptions Influx { get; set; } = new();
}

public sealed class RegistryOptions
{
    /// <summary>
    /// Activate a device as soon as it sends a valid signed hello for a known board. For pilots and
    /// demonstrations only: in production an operator or the owner's claim activates devices.
    /// </summary>
    public bool AutoActivate { get; set; }
}
