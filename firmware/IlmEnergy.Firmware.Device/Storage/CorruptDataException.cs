using System;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>Stored bytes do not decode (truncated, wrong magic or version, out-of-range field).</summary>
    public class CorruptDataException : Exception
    {
        public CorruptDataException(string message)
            : base(message)
        {
        }
    }
}
