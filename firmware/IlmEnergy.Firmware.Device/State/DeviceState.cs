using System.Collections;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Everything the plug must remember across reboots, saved as one <see cref="DurableRecord"/> by
    /// <see cref="DeviceStateStore"/>. Each component owns its fields and saves after changing them.
    /// </summary>
    public sealed class DeviceState
    {
        /// <summary>Replay protection: this many most recent command ids are remembered.</summary>
        public const int ProcessedCommandCapacity = 16;

        /// <summary>Reports waiting for a batch; the oldest is dropped beyond this.</summary>
        public const int PendingReportCapacity = 32;

        public DeviceState()
        {
            ProcessedCommandIds = new string[ProcessedCommandCapacity];
            PendingReports = new ArrayList();
        }

        /// <summary>Incremented on every start (payload key 3).</summary>
        public uint BootCount { get; set; }

        /// <summary>Every sequence number below this may have been used; a reboot continues from here.</summary>
        public long SeqReservedEnd { get; set; }

        /// <summary>Energy checkpoint: whole mWh.</summary>
        public long EnergyMwh { get; set; }

        /// <summary>Energy checkpoint: sub-mWh remainder in mW·ms (0 … 3,599,999).</summary>
        public long EnergyRemainderMwMs { get; set; }

        /// <summary>The energy counter restarted (no valid state found); cleared once a batch carrying CounterReset is queued.</summary>
        public bool CounterResetPending { get; set; }

        // Demand response: the single event slot.
        public DrPhase DrPhase { get; set; }

        public string DrCommandId { get; set; }

        public string DrEventId { get; set; }

        public long DrStartMs { get; set; }

        public long DrEndMs { get; set; }

        /// <summary>Relay state captured just before the scheduler opened it; restored at the end.</summary>
        public bool DrRelayClosedBefore { get; set; }

        /// <summary>The scheduler opened the relay for this event at least once (a Restored report is owed).</summary>
        public bool DrWasCurtailed { get; set; }

        /// <summary>A cancel arrived while curtailing; the end of the window reports Cancelled.</summary>
        public bool DrCancelPending { get; set; }

        /// <summary>Unix ms of the scheduler's last relay switch (compressor protection).</summary>
        public long DrLastSwitchMs { get; set; }

        /// <summary>UTC day number (Unix ms / 86,400,000) that <see cref="DrEventsOnDay"/> counts.</summary>
        public int DrDay { get; set; }

        public int DrEventsOnDay { get; set; }

        /// <summary>Ring of recently processed command ids; null entries are empty.</summary>
        public string[] ProcessedCommandIds { get; private set; }

        /// <summary>Index in <see cref="ProcessedCommandIds"/> that the next id overwrites.</summary>
        public int ProcessedCommandNext { get; set; }

        /// <summary><see cref="DrEventReport"/>s not yet queued in a batch, oldest first.</summary>
        public ArrayList PendingReports { get; private set; }

        public bool HasProcessed(string commandId)
        {
            for (int i = 0; i < ProcessedCommandIds.Length; i++)
            {
                if (ProcessedCommandIds[i] == commandId)
                {
                    return true;
                }
            }

            return false;
        }

        public void MarkProcessed(string commandId)
        {
            ProcessedCommandIds[ProcessedCommandNext] = commandId;
            ProcessedCommandNext = (ProcessedCommandNext + 1) % ProcessedCommandCapacity;
        }

        public void AddReport(DrEventReport report)
        {
            if (PendingReports.Count >= PendingReportCapacity)
            {
                PendingReports.RemoveAt(0);
            }

            PendingReports.Add(report);
        }
    }
}
