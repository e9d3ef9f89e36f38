using System;
using System.IO.Ports;
using IlmEnergy.Firmware.Metering;
using nanoFramework.Hardware.Esp32;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// The meter's UART over System.IO.Ports.SerialPort. Routes the board's pins to the port first
    /// (ESP32 UARTs are pin-muxed). Reads never block: only what is already buffered is returned.
    /// </summary>
    public sealed class SerialPortLink : ISerialLink
    {
        private readonly SerialPort _port;

        public SerialPortLink(BoardPins board)
        {
            RoutePins(board);
            _port = new SerialPort(board.UartPort, board.UartBaud, ToParity(board.UartParity), 8, board.UartStopBits == 2 ? StopBits.Two : StopBits.One);
            // Read is only called for bytes already buffered, so the timeouts only bound a wedged UART.
            _port.ReadTimeout = 50;
            _port.WriteTimeout = 500;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int waiting = _port.BytesToRead;
            if (waiting <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, waiting < count ? waiting : count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        private static void RoutePins(BoardPins board)
        {
            if (board.UartPort == "COM2")
            {
                Configuration.SetPinFunction(board.UartRxPin, DeviceFunction.COM2_RX);
                if (board.UartTxPin != BoardPins.NoPin)
                {
                    Configuration.SetPinFunction(board.UartTxPin, DeviceFunction.COM2_TX);
                }
            }
            else if (board.UartPort == "COM3")
            {
                Configuration.SetPinFunction(board.UartRxPin, DeviceFunction.COM3_RX);
                if (board.UartTxPin != BoardPins.NoPin)
                {
                    Configuration.SetPinFunction(board.UartTxPin, DeviceFunction.COM3_TX);
                }
            }
            else
            {
                // COM1 carries nanoFramework's wire protocol (debugger): never take it over.
                throw new ArgumentException("meter UART must be COM2 or COM3, not " + board.UartPort);
            }
        }

        private static Parity ToParity(UartParity parity)
        {
            switch (parity)
            {
                case UartParity.Even: return Parity.Even;
                case UartParity.Odd: return Parity.Odd;
                default: return Parity.None;
            }
        }
    }
}
