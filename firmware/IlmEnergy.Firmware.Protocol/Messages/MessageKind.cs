namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>Payload key 0 (docs/protocol.md §3).</summary>
    public enum MessageKind
    {
        Readings = 1,
        Hello = 2,
        DrCommand = 3
    }
}
