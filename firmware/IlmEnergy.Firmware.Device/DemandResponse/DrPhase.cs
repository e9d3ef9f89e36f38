namespace IlmEnergy.Firmware.Device
{
    /// <summary>Where the single DR event slot stands; persisted so a reboot resumes it.</summary>
    public enum DrPhase
    {
        /// <summary>No event accepted, or the last one has finished.</summary>
        Idle = 0,

        /// <summary>Accepted, waiting for its start (or for the clock to sync).</summary>
        Scheduled = 1,

        /// <summary>The scheduler has opened the relay; it must restore it by the window end.</summary>
        Curtailing = 2
    }
}
