namespace IlmEnergy.Firmware.Device
{
    /// <summary>Time as the device sees it. The hardware glue wraps DateTime.UtcNow and the uptime counter.</summary>
    public interface IClock
    {
        /// <summary>Wall-clock time, Unix milliseconds (UTC). Meaningless until <see cref="IsSynced"/>.</summary>
        long UtcNowMs { get; }

        /// <summary>True once SNTP has set the clock since boot.</summary>
        bool IsSynced { get; }

        /// <summary>Milliseconds since boot: monotonic, never jumps when SNTP adjusts the wall clock.</summary>
        long UptimeMs { get; }
    }
}
