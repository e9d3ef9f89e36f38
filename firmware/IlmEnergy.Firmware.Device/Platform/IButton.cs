namespace IlmEnergy.Firmware.Device.Platform
{
    /// <summary>The plug's push button, used as the owner's demand-response override.</summary>
    public interface IButton
    {
        /// <summary>True when the button was pressed since the previous call (the press is latched, then cleared).</summary>
        bool WasPressed();
    }
}
