namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Owns the one <see cref="DeviceState"/> in RAM and its durable copy. Open it once at boot with
    /// <see cref="OpenAtBoot"/>; components change <see cref="Current"/> and call <see cref="Save"/>.
    /// Not thread-safe, like every class here: the device loop thread makes all calls, and MQTT
    /// callbacks (PUBACK, commands) hand their events to it instead of calling in directly.
    /// </summary>
    public sealed class DeviceStateStore
    {
        public const string DefaultName = "state";

        private readonly DurableRecord _record;

        private DeviceStateStore(IFileStore files, string name)
        {
            _record = new DurableRecord(files, name);
        }

        public DeviceState Current { get; private set; }

        /// <summary>False when no valid state was found at boot (first boot, flash lost or corrupt).</summary>
        public bool Restored { get; private set; }

        /// <summary>Why the stored state was not used, when it existed but did not decode; otherwise null.</summary>
        public string LoadError { get; private set; }

        /// <summary>Saves made since open (for tests and wear diagnostics).</summary>
        public int SaveCount { get; private set; }

        public static DeviceStateStore OpenAtBoot(IFileStore files)
        {
            return OpenAtBoot(files, DefaultName);
        }

        /// <summary>
        /// Loads the state (or starts fresh with CounterReset pending when none is valid), increments the
        /// boot counter and saves it before anything else runs.
        /// </summary>
        public static DeviceStateStore OpenAtBoot(IFileStore files, string name)
        {
            DeviceStateStore store = new DeviceStateStore(files, name);
            byte[] bytes = store._record.Load();
            string error = null;
            DeviceState state = bytes == null ? null : DeviceStateCodec.Decode(bytes, out error);
            store.LoadError = error;
            store.Restored = state != null;
            if (state == null)
            {
                // Nothing trustworthy: energy restarts at 0, and the first batch must say so.
                state = new DeviceState();
                state.CounterResetPending = true;
            }

            state.BootCount = state.BootCount + 1;
            store.Current = state;
            store.Save();
            return store;
        }

        public void Save()
        {
            _record.Save(DeviceStateCodec.Encode(Current));
            SaveCount++;
        }
    }
}
