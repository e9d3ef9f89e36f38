namespace IlmEnergy.Firmware.App
{
    /// <summary>Timing of the main loop and of its watchdog (ESP32 nanoFramework builds have no hardware watchdog).</summary>
    public sealed class LoopOptions
    {
        /// <summary>PlugDevice.Tick cadence.</summary>
        public int TickIntervalMs { get; set; } = 1000;

        /// <summary>
        /// ExecutionConstraint on one Tick: a managed Tick running longer throws ConstraintException and the
        /// plug reboots. Generous because a managed Ed25519 signature may take seconds.
        /// </summary>
        public int TickTimeLimitMs { get; set; } = 60000;

        /// <summary>No finished Tick for this long (a thread blocked in native code) → reboot from the watchdog timer.</summary>
        public int StallRebootMs { get; set; } = 180000;

        /// <summary>How often the watchdog timer looks at the loop.</summary>
        public int WatchdogPeriodMs { get; set; } = 10000;

        /// <summary>Ticks in a row that may throw before the plug reboots to get a clean state.</summary>
        public int MaxConsecutiveFailures { get; set; } = 30;
    }
}
