using System.Device.Gpio;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Rising-edge counter on the ESP32's hardware PCNT (nanoFramework GpioPulseCounter). BL0937 CF runs
    /// at up to ~2.3 kHz, far beyond managed GPIO interrupts. The classic ESP32 only: the C3 throws NotImplemented.
    /// </summary>
    public sealed class Esp32PulseCounter : IPulseCounter
    {
        private readonly GpioPulseCounter _counter;

        public Esp32PulseCounter(int pin)
        {
            _counter = new GpioPulseCounter(pin);
            _counter.Polarity = GpioPulsePolarity.Rising;
            _counter.FilterPulses = 0;
            _counter.Start();
        }

        public long ReadCount()
        {
            GpioPulseCount count = _counter.Read();
            return count.Count;
        }
    }
}
