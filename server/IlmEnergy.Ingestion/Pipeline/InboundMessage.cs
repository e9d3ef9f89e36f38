namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>
/// A message as the transport delivered it. <see cref="AcknowledgeAsync"/> tells the transport the
/// message is safely decided (stored, a duplicate, or quarantined); the pipeline calls it exactly
/// once, after the decision is durable, in the order messages were submitted.
/// </summary>
public sealed class InboundMessage(string topic, byte[] payload, long receivedMs, Func<CancellationToken, Task> acknowledgeAsync)
{
    public string Topic { get; } = topic;

    /// <summary>The received bytes, kept verbatim: archived and quarantined as they are, never modified.</summary>
    public byte[] Payload { get; } = payload;

    /// <summary>Unix ms by the ingester's clock when the message arrived.</summary>
    public long ReceivedMs { get; } = receivedMs;

    public Task AcknowledgeAsync(CancellationToken cancellationToken) => acknowledgeAsync(cancellationToken);
}
