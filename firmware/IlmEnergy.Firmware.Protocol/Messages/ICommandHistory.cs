namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>The device's memory of command ids it already processed (replay protection).</summary>
    public interface ICommandHistory
    {
        bool HasProcessed(string commandId);
    }
}
