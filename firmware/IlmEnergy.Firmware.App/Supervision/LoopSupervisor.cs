namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Decisions about the main loop, kept apart from the threads and reboots that act on them:
    /// when the next Tick is due, when repeated failures call for a reboot, and when the loop counts as
    /// stuck. Times are monotonic uptime milliseconds. Thread-safe: the watchdog timer reads what the
    /// main thread writes.
    /// </summary>
    public sealed class LoopSupervisor
    {
        private readonly LoopOptions _options;
        private readonly object _gate = new object();
        private long _nextTickMs;
        private long _lastProgressMs;
        private int _consecutiveFailures;

        public LoopSupervisor(LoopOptions options, long nowMs)
        {
            _options = options;
            _nextTickMs = nowMs;
            _lastProgressMs = nowMs;
        }

        public int ConsecutiveFailures
        {
            get
            {
                lock (_gate)
                {
                    return _consecutiveFailures;
                }
            }
        }

        /// <summary>
        /// Milliseconds to sleep before the next Tick. Keeps a steady cadence; after an overrun it starts
        /// the next Tick at once and re-anchors instead of running a burst of missed Ticks.
        /// </summary>
        public int DelayUntilNextTick(long nowMs)
        {
            lock (_gate)
            {
                long wait = _nextTickMs - nowMs;
                if (wait <= 0)
                {
                    _nextTickMs = nowMs + _options.TickIntervalMs;
                    return 0;
                }

                if (wait > _options.TickIntervalMs)
                {
                    // The clock went backwards relative to the schedule: re-anchor.
                    _nextTickMs = nowMs + _options.TickIntervalMs;
                    return _options.TickIntervalMs;
                }

                _nextTickMs += _options.TickIntervalMs;
                return (int)wait;
            }
        }

        /// <summary>A Tick finished normally.</summary>
        public void TickSucceeded(long nowMs)
        {
            lock (_gate)
            {
                _consecutiveFailures = 0;
                _lastProgressMs = nowMs;
            }
        }

        /// <summary>A Tick threw. Returns true when the plug should reboot.</summary>
        public bool TickFailed(long nowMs)
        {
            lock (_gate)
            {
                _consecutiveFailures++;
                _lastProgressMs = nowMs;
                return _consecutiveFailures >= _options.MaxConsecutiveFailures;
            }
        }

        /// <summary>True when no Tick has finished (well or badly) for <see cref="LoopOptions.StallRebootMs"/>.</summary>
        public bool IsStalled(long nowMs)
        {
            lock (_gate)
            {
                return nowMs - _lastProgressMs >= _options.StallRebootMs;
            }
        }
    }
}
