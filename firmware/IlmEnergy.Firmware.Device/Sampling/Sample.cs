namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// One aggregated sample (payload key 7 item: <c>[t, e, p, v, i, relay]</c>) plus what the batch
    /// needs to derive its flags. All integers: the plug has no FPU.
    /// </summary>
    public sealed class Sample
    {
        /// <summary>End of the averaging interval, Unix ms.</summary>
        public long TimestampMs { get; set; }

        /// <summary>Cumulative energy counter at <see cref="TimestampMs"/>, mWh.</summary>
        public long EnergyMwh { get; set; }

        /// <summary>Mean active power over the interval, mW; positive = consumption.</summary>
        public int PowerMw { get; set; }

        /// <summary>Mean RMS voltage, mV.</summary>
        public int VoltageMv { get; set; }

        /// <summary>Mean RMS current, mA.</summary>
        public int CurrentMa { get; set; }

        /// <summary>Relay closed (load powered) at the end of the interval.</summary>
        public bool RelayClosed { get; set; }

        /// <summary>False when any reading in the interval, or its end, came before SNTP set the clock.</summary>
        public bool ClockSynced { get; set; }

        /// <summary>Meter reads that failed in the interval; when every read failed, p/v/i are carried forward.</summary>
        public int MeterFaults { get; set; }

        /// <summary>A DR curtailment held the relay open during part of the interval.</summary>
        public bool Curtailed { get; set; }
    }
}
