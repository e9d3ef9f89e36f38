namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Non-blocking byte input (a UART receive buffer). The hardware glue wraps System.IO.Ports.SerialPort.</summary>
    public interface IByteSource
    {
        /// <summary>Copies up to <paramref name="count"/> already-received bytes; returns 0 at once when none are waiting.</summary>
        int Read(byte[] buffer, int offset, int count);
    }
}
