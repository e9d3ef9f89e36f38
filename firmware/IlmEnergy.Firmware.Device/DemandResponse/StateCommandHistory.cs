using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// The protocol's replay check (<see cref="DrCommandAcceptance"/>) reads the same ring of processed
    /// command ids that <see cref="DrScheduler"/> persists, so "already processed" means the same thing on
    /// both sides and survives reboots.
    /// </summary>
    public sealed class StateCommandHistory : ICommandHistory
    {
        private readonly DeviceStateStore _store;

        public StateCommandHistory(DeviceStateStore store)
        {
            _store = store;
        }

        public bool HasProcessed(string commandId)
        {
            return _store.Current.HasProcessed(commandId);
        }
    }
}
