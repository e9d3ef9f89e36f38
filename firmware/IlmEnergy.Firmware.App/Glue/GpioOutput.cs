using System.Device.Gpio;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.App
{
    /// <summary>A push-pull GPIO output written with the physical level (the BL0937 SEL line).</summary>
    public sealed class GpioOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioOutput(GpioController controller, int pin)
        {
            _pin = controller.OpenPin(pin, PinMode.Output);
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
