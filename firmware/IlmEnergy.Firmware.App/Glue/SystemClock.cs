using System;
using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Wall clock from DateTime.UtcNow (set by SNTP) and uptime from Environment.TickCount64
    /// (nanoFramework.Runtime.Native), which never jumps when SNTP corrects the wall clock.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        public long UtcNowMs
        {
            get { return UnixTime.ToUnixMs(DateTime.UtcNow.Ticks); }
        }

        public bool IsSynced
        {
            get { return UnixTime.IsSyncedYear(DateTime.UtcNow.Year); }
        }

        public long UptimeMs
        {
            get { return Environment.TickCount64; }
        }
    }
}
