using System;
using System.Device.Gpio;
using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// The plug's button (owner override). The GPIO interrupt only feeds a <see cref="ButtonLatch"/>;
    /// the device loop collects the press on its next Tick.
    /// </summary>
    public sealed class GpioButton : IButton
    {
        private const int DebounceMs = 250;

        private readonly GpioPin _pin;
        private readonly bool _pressedLow;
        private readonly ButtonLatch _latch = new ButtonLatch(DebounceMs);

        public GpioButton(GpioController controller, int pin, bool pressedLow, bool pullUp)
        {
            _pressedLow = pressedLow;
            _pin = controller.OpenPin(pin, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.DebounceTimeout = new TimeSpan(20 * TimeSpan.TicksPerMillisecond);
            _pin.ValueChanged += OnValueChanged;
        }

        public bool WasPressed()
        {
            return _latch.TakePress();
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            bool isPress = _pressedLow ? e.ChangeType == PinEventTypes.Falling : e.ChangeType == PinEventTypes.Rising;
            _latch.OnEdge(isPress, Environment.TickCount64);
        }
    }
}
