namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Remembers a button press between two polls of the device loop. GPIO interrupts call
    /// <see cref="OnEdge"/> from their own thread; the loop calls <see cref="TakePress"/> once a second.
    /// Edges closer together than the debounce window count as one press (contact bounce).
    /// </summary>
    public sealed class ButtonLatch
    {
        private readonly object _gate = new object();
        private readonly long _debounceMs;
        private bool _pressed;
        private bool _anyPressSeen;
        private long _lastPressMs;

        public ButtonLatch(long debounceMs)
        {
            _debounceMs = debounceMs < 0 ? 0 : debounceMs;
        }

        /// <summary>An edge at <paramref name="nowMs"/> (uptime); <paramref name="isPress"/> is false for the release edge.</summary>
        public void OnEdge(bool isPress, long nowMs)
        {
            if (!isPress)
            {
                return;
            }

            lock (_gate)
            {
                if (_anyPressSeen && nowMs - _lastPressMs < _debounceMs)
                {
                    return;
                }

                _anyPressSeen = true;
                _lastPressMs = nowMs;
                _pressed = true;
            }
        }

        /// <summary>True once per press since the previous call.</summary>
        public bool TakePress()
        {
            lock (_gate)
            {
                bool pressed = _pressed;
                _pressed = false;
                return pressed;
            }
        }
    }
}
