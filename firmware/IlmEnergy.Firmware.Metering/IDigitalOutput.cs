namespace IlmEnergy.Firmware.Metering
{
    /// <summary>A GPIO output, written with the physical level (the driver applies any inversion itself).</summary>
    public interface IDigitalOutput
    {
        void Write(bool high);
    }
}
