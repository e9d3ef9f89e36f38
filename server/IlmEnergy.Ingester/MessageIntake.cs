using System.Threading.Channels;
using IlmEnergy.Ingestion.Pipeline;

namespace IlmEnergy.Ingester;

/// <summary>
/// Where received messages enter the ingester, whichever way they came (the MQTT subscription to an
/// external broker, or straight from the embedded broker): a hello enrols its device, readings go into
/// the pipeline. <c>acknowledge</c> is called once, when the message's fate is durable.
/// </summary>
public sealed class MessageIntake(IngestPipeline pipeline, DeviceEnrollment enrollment)
{
    private volatile bool accepting = true;

    /// <summary>True for the topics the ingester takes: <see cref="TopicNames.ReadingsFilter"/> and <see cref="TopicNames.HelloFilter"/>.</summary>
    public static bool Takes(string topic) =>
        TopicNames.DeviceIdOfReadings(topic) is not null || TopicNames.DeviceIdOfHello(topic) is not null;

    /// <summary>Shutdown: take nothing more; what was taken still drains and is acknowledged.</summary>
    public void StopAccepting() => accepting = false;

    /// <summary>
    /// Takes a message. False when the ingester is shutting down and did not take it: the caller must
    /// not acknowledge it, so its sender (or the broker) keeps it and delivers it again later.
    /// </summary>
    public async Task<bool> AcceptAsync(string topic, byte[] payload, long receivedMs, Func<CancellationToken, Task> acknowledge)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!accepting) return false;
        if (TopicNames.DeviceIdOfHello(topic) is not null)
        {
            await enrollment.OnHelloAsync(topic, payload, receivedMs, CancellationToken.None);
            await acknowledge(CancellationToken.None);
            return true;
        }
        try
        {
            await pipeline.SubmitAsync(new InboundMessage(topic, payload, receivedMs, acknowledge), CancellationToken.None);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false; // the pipeline completed between the check above and here
        }
    }
}
