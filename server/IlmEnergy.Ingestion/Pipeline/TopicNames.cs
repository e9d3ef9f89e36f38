namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>Topic names of docs/protocol.md §4, as the ingester subscribes to and checks them.</summary>
public static class TopicNames
{
    public const string Prefix = "ilm/v1/dev/";
    public const string ReadingsSuffix = "/readings";
    public const string HelloSuffix = "/hello";
    public const string CommandSuffix = "/cmd";

    /// <summary>The wildcard filter for every device's readings.</summary>
    public const string ReadingsFilter = Prefix + "+" + ReadingsSuffix;

    /// <summary>The wildcard filter for every device's hello.</summary>
    public const string HelloFilter = Prefix + "+" + HelloSuffix;

    public static string Hello(string deviceId) => Prefix + deviceId + HelloSuffix;

    /// <summary>The {id} segment of any <c>ilm/v1/dev/{id}/…</c> topic, or null when the topic has another shape.</summary>
    public static string? DeviceIdOf(string topic)
    {
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var id = slash < 0 ? rest : rest[..slash];
        return id.IsEmpty ? null : id.ToString();
    }

    /// <summary>The {id} segment of a readings topic (one that <see cref="ReadingsFilter"/> matches), or null.</summary>
    public static string? DeviceIdOfReadings(string topic) => DeviceIdOf(topic, ReadingsSuffix);

    /// <summary>The {id} segment of a hello topic (one that <see cref="HelloFilter"/> matches), or null.</summary>
    public static string? DeviceIdOfHello(string topic) => DeviceIdOf(topic, HelloSuffix);

    private static string? DeviceIdOf(string topic, string suffix) =>
        topic.EndsWith(suffix, StringComparison.Ordinal) && DeviceIdOf(topic) is { } id
        && topic.Length == Prefix.Length + id.Length + suffix.Length
            ? id
            : null;
}
