namespace IlmEnergy.Firmware.Metering
{
    /// <summary>A UART the driver can also write to (poll requests, register writes).</summary>
    public interface ISerialLink : IByteSource
    {
        void Write(byte[] buffer, int offset, int count);
    }
}
