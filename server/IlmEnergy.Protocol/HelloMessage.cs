namespace IlmEnergy.Protocol;

/// <summary>Hello, payload kind 2 (docs/protocol.md §3.2), sent after every MQTT connection.</summary>
/// <param name="Boot">Boot counter.</param>
/// <param name="Board">Board model id.</param>
/// <param name="Firmware">Firmware version string.</param>
/// <param name="Flags">Same flag bits as a readings batch.</param>
/// <param name="DeviceTimeMs">The device clock, Unix milliseconds.</param>
/// <param name="NextSeq">The next readings sequence number the device will use.</param>
public sealed record HelloMessage(
    uint Boot,
    string Board,
    string Firmware,
    ReadingFlags Flags,
    long DeviceTimeMs,
    long NextSeq) : ProtocolMessage
{
    public override MessageKind Kind => MessageKind.Hello;

    public DateTimeOffset DeviceTime => ToTime(DeviceTimeMs);
}
