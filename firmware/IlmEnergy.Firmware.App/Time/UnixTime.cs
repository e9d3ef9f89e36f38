namespace IlmEnergy.Firmware.App
{
    /// <summary>Wall-clock arithmetic for SystemClock, on DateTime ticks so it needs no nanoFramework API.</summary>
    public static class UnixTime
    {
        /// <summary>DateTime ticks (100 ns since 0001-01-01) of 1970-01-01T00:00:00Z.</summary>
        public const long EpochTicks = 621355968000000000L;

        public const long TicksPerMillisecond = 10000L;

        /// <summary>
        /// The ESP32 boots with its RTC near 1970 (or the build date); only SNTP moves it to the present.
        /// A year at or after this one therefore means the clock has been set.
        /// </summary>
        public const int FirstSyncedYear = 2024;

        /// <summary>Unix milliseconds for a UTC DateTime's Ticks.</summary>
        public static long ToUnixMs(long utcTicks)
        {
            return (utcTicks - EpochTicks) / TicksPerMillisecond;
        }

        /// <summary>True when a UTC year can only come from a synchronised clock.</summary>
        public static bool IsSyncedYear(int utcYear)
        {
            return utcYear >= FirstSyncedYear;
        }
    }
}
