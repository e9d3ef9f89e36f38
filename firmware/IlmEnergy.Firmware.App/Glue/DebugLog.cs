using System;
using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Log lines on the serial console (Console.WriteLine reaches the wire-protocol port in Release
    /// builds too, unlike Debug.WriteLine). Prefixed with uptime seconds: the wall clock may not be set yet.
    /// </summary>
    public sealed class DebugLog : ILog
    {
        public void Info(string message)
        {
            Write("INFO ", message);
        }

        public void Warn(string message)
        {
            Write("WARN ", message);
        }

        private static void Write(string level, string message)
        {
            long seconds = Environment.TickCount64 / 1000;
            Console.WriteLine("[" + seconds.ToString() + "s] " + level + message);
        }
    }
}
