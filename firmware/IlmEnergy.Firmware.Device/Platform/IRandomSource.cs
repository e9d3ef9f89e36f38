namespace IlmEnergy.Firmware.Device.Platform
{
    /// <summary>
    /// Random bytes for the identity seed and reconnect jitter. On the ESP32, System.Random is backed by
    /// the hardware RNG (RF noise while the radio is on); tests pass a seeded fake.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
