using NSec.Cryptography;

namespace IlmEnergy.Protocol;

/// <summary>
/// Server side of docs/protocol.md §3.3: encodes a DR command deterministically and signs it with the
/// server command key, ready to publish on <c>ilm/v1/dev/{id}/cmd</c>.
/// </summary>
public sealed class DrCommandSigner(Key serverCommandKey)
{
    private readonly Key _key = serverCommandKey ?? throw new ArgumentNullException(nameof(serverCommandKey));

    /// <summary>The id devices pin as the server key (the kid of every signed command).</summary>
    public DeviceId ServerKeyId => DeviceId.FromPublicKey(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>
    /// Encodes and signs <paramref name="command"/>. Refuses commands a device would reject as invalid
    /// (empty or over-long ids, window outside start &lt; end ≤ start + 4 h), so mistakes surface here.
    /// </summary>
    public byte[] Sign(DrCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        CheckId(command.CommandId, nameof(DrCommand.CommandId));
        CheckId(command.EventId, nameof(DrCommand.EventId));
        if (command.EndMs <= command.StartMs || command.EndMs - command.StartMs > ProtocolLimits.MaxDrWindowMs)
            throw new ArgumentException($"window {command.StartMs}..{command.EndMs} must satisfy start < end <= start + 4 h", nameof(command));
        if (command.StartMs < 0 || command.IssuedMs < 0 || command.ExpiresMs < 0 || command.EndMs > ProtocolLimits.MaxUnixMilliseconds)
            throw new ArgumentException("times must be Unix milliseconds between 1970 and 9999", nameof(command));
        return CoseSign1Signer.Sign(PayloadEncoder.Encode(command), _key);
    }

    private static void CheckId(string id, string name)
    {
        int bytes = System.Text.Encoding.UTF8.GetByteCount(id);
        if (bytes is 0 or > ProtocolLimits.MaxIdBytes)
            throw new ArgumentException($"{name} must be 1-{ProtocolLimits.MaxIdBytes} UTF-8 bytes, is {bytes}", name);
    }
}
