namespace IlmEnergy.Firmware.Device
{
    /// <summary>The plug's load relay.</summary>
    public interface IRelay
    {
        /// <summary>True when the relay is closed (load powered).</summary>
        bool IsClosed { get; }

        /// <summary>Closes (true, load on) or opens (false, load off) the relay.</summary>
        void Set(bool closed);
    }
}
