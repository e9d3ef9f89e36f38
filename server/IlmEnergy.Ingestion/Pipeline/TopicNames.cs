namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>Topic names of docs/protocol.md §4.</summary>
public static class TopicNames
{
    public const string Prefix = "ilm/v1/dev/";
    public const string ReadingsSuffix = "/readings";

    /// <summary>The wildcard filter every ingester subscribes to.</summary>
    public const string ReadingsFilter = Prefix + "+" + ReadingsSuffix;

    /// <summary>The shared-subscription filter that splits readings across ingesters in a group.</summary>
    public static string SharedReadingsFilter(string group) => $"$share/{group}/{ReadingsFilter}";

    public static string Readings(string deviceId) => Prefix + deviceId + ReadingsSuffix;

    public static string Commands(string deviceId) => Prefix + deviceId + "/cmd";

    /// <summary>The {id} segment of a readings topic, or null when the topic has another shape.</summary>
    public static string? DeviceIdOfReadings(string topic)
    {
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal) || !topic.EndsWith(ReadingsSuffix, StringComparison.Ordinal))
            return null;
        var id = topic.AsSpan(Prefix.Length, topic.Length - Prefix.Length - ReadingsSuffix.Length);
        return id.Length == 0 || id.Contains('/') ? null : id.ToString();
    }
}
