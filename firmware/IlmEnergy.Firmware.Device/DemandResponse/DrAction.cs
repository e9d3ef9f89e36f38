namespace IlmEnergy.Firmware.Device
{
    /// <summary>DR command action, payload key 22 (docs/protocol.md §3.3).</summary>
    public enum DrAction
    {
        Curtail = 1,
        Cancel = 2
    }
}
