namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// A free-running edge counter (ESP32 PCNT through nanoFramework's GpioPulseCounter). Returns the
    /// total count since start; the driver works on differences, so the origin does not matter.
    /// </summary>
    public interface IPulseCounter
    {
        long ReadCount();
    }
}
