namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// UART parity as the board table states it. The glue maps it onto System.IO.Ports.Parity; keeping
    /// our own enum lets the table (and its test) compile on the host without nanoFramework.
    /// </summary>
    public enum UartParity
    {
        None = 0,
        Even = 1,
        Odd = 2,
    }
}
