using System;
using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// System.Random on ESP32 nanoFramework ignores its seed and returns esp_random(), the hardware RNG
    /// (true randomness while the radio is on, which it is once Wi-Fi starts).
    /// </summary>
    public sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _random = new Random();

        public void NextBytes(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}
