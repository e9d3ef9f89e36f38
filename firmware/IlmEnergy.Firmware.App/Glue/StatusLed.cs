using System.Device.Gpio;

namespace IlmEnergy.Firmware.App
{
    /// <summary>A plain GPIO status LED (lit = connected to the broker). Boards with only WS2812 LEDs have none.</summary>
    public sealed class StatusLed
    {
        private readonly GpioPin _pin;
        private readonly bool _inverted;
        private bool _known;
        private bool _lit;

        public StatusLed(GpioController controller, int pin, bool inverted)
        {
            _inverted = inverted;
            _pin = controller.OpenPin(pin, PinMode.Output);
            Set(false);
        }

        /// <summary>Lights or darkens the LED; writes the pin only on a change.</summary>
        public void Set(bool lit)
        {
            if (_known && lit == _lit)
            {
                return;
            }

            bool high = lit != _inverted;
            _pin.Write(high ? PinValue.High : PinValue.Low);
            _lit = lit;
            _known = true;
        }
    }
}
