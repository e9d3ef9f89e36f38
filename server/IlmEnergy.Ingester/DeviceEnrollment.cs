using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Ingestion.Pipeline;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;
using Microsoft.Extensions.Options;

namespace IlmEnergy.Ingester;

/// <summary>
/// Handles signed hellos: a device announcing a known board is registered (pending, or active when
/// the pilot option AutoActivate is on) and its last-seen time advanced. Anything else is
/// quarantined with its reason, like a rejected reading.
/// </summary>
public sealed class DeviceEnrollment(
    UplinkDecoder decoder,
    IDeviceRegistry registry,
    BoardCatalog boards,
    IMessageArchive archive,
    IOptions<IngesterOptions> options,
    ILogger<DeviceEnrollment> logger)
{
    public async Task OnHelloAsync(string topic, byte[] payload, long receivedMs, CancellationToken cancellationToken)
    {
        var result = decoder.Decode(payload);
        var rejection = Check(topic, result, out var hello);
        if (rejection is { } r)
        {
            await archive.CommitAsync([], [new QuarantineEntry(receivedMs, topic, result.Signer?.ToString(), null,
                (int)r.Reason, r.Reason.ToString(), r.Detail, payload, null)], cancellationToken);
            logger.LogInformation("Hello on {Topic} rejected: {Rejection}", topic, r);
            return;
        }
        var deviceId = result.Signer!.ToString();
        var status = options.Value.Registry.AutoActivate ? DeviceStatus.Active : DeviceStatus.Pending;
        var record = await registry.RegisterAsync(deviceId, result.Signer.PublicKey.ToArray(), hello!.Board, status, receivedMs, cancellationToken);
        await registry.TouchAsync(deviceId, receivedMs, hello.Firmware, cancellationToken);
        logger.LogInformation("Hello from {DeviceId}: board {Board}, firmware {Firmware}, boot {Boot}, status {Status}",
            deviceId, hello.Board, hello.Firmware, hello.Boot, record.Status);
    }

    private Rejection? Check(string topic, DecodeResult result, out HelloMessage? hello)
    {
        hello = null;
        if (!result.IsAccepted) return result.Rejection;
        if (result.Message is not HelloMessage message)
            return new Rejection(RejectReason.UnexpectedKind, $"a {result.Message.Kind} message on a hello topic");
        var signer = result.Signer.ToString();
        if (topic != TopicNames.Hello(signer))
            return new Rejection(RejectReason.TopicKeyMismatch, $"hello on '{topic}' signed by '{signer}'");
        if (boards.Find(message.Board) is null)
            return new Rejection(RejectReason.UnknownDevice, $"board '{message.Board}' is not in the board catalog");
        hello = message;
        return null;
    }
}
