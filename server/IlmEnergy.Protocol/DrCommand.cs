namespace IlmEnergy.Protocol;

/// <summary>Demand-response action, payload key 22 of a DR command.</summary>
public enum DrAction
{
    Curtail = 1,
    Cancel = 2,
}

/// <summary>A DR command, payload kind 3 (docs/protocol.md §3.3), server → device.</summary>
/// <param name="CommandId">Unique command id, 1–64 bytes of UTF-8.</param>
/// <param name="Device">The target device; part of the signed payload so it cannot be replayed elsewhere.</param>
/// <param name="Action">Curtail or cancel.</param>
/// <param name="StartMs">Window start, Unix ms.</param>
/// <param name="EndMs">Window end, Unix ms; start &lt; end ≤ start + 4 h.</param>
/// <param name="IssuedMs">When the server issued the command, Unix ms.</param>
/// <param name="ExpiresMs">Devices ignore the command when received after this, Unix ms.</param>
/// <param name="EventId">The DR event this command belongs to, 1–64 bytes of UTF-8.</param>
public sealed record DrCommand(
    string CommandId,
    DeviceId Device,
    DrAction Action,
    long StartMs,
    long EndMs,
    long IssuedMs,
    long ExpiresMs,
    string EventId) : ProtocolMessage
{
    public override MessageKind Kind => MessageKind.DrCommand;
}
