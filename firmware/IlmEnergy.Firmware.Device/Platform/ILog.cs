namespace IlmEnergy.Firmware.Device.Platform
{
    /// <summary>Diagnostic log (serial console on the plug). Never receives secrets such as the identity seed.</summary>
    public interface ILog
    {
        /// <summary>Routine events: boot, connect, identity.</summary>
        void Info(string message);

        /// <summary>Something went wrong but the loop carries on.</summary>
        void Warn(string message);
    }
}
