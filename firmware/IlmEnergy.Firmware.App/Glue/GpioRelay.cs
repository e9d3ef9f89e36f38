using System.Device.Gpio;
using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.App
{
    /// <summary>The load relay on one GPIO, honouring the board's polarity.</summary>
    public sealed class GpioRelay : IRelay
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private bool _closed;

        /// <summary>
        /// Opens the pin and sets <paramref name="initiallyClosed"/> at once, so the load does not flicker
        /// while the device core restores its saved state.
        /// </summary>
        public GpioRelay(GpioController controller, int pin, bool activeHigh, bool initiallyClosed)
        {
            _activeHigh = activeHigh;
            _pin = controller.OpenPin(pin, PinMode.Output);
            Set(initiallyClosed);
        }

        public bool IsClosed
        {
            get { return _closed; }
        }

        public void Set(bool closed)
        {
            bool high = closed == _activeHigh;
            _pin.Write(high ? PinValue.High : PinValue.Low);
            _closed = closed;
        }
    }
}
