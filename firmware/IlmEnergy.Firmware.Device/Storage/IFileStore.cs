namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// The few file operations the device core needs. On the plug the hardware glue implements it with
    /// System.IO.File/FileStream on LittleFS ("I:\\" + name); tests use an in-memory store that can
    /// lose power in the middle of any write. Names are flat (no folders).
    /// There is deliberately no rename: DurableRecord's A/B slots and the outbox's append-only segments
    /// never need one, and File.Move cannot atomically replace an existing file.
    /// </summary>
    public interface IFileStore
    {
        bool Exists(string name);

        /// <summary>Size in bytes; 0 when the file does not exist.</summary>
        long Length(string name);

        /// <summary>The whole file, or null when it does not exist.</summary>
        byte[] ReadAll(string name);

        /// <summary>
        /// Up to <paramref name="count"/> bytes starting at <paramref name="position"/>; fewer when the
        /// file is shorter, an empty array past its end, null when it does not exist.
        /// </summary>
        byte[] Read(string name, long position, int count);

        /// <summary>Creates or truncates the file, then writes <paramref name="data"/> (not atomic).</summary>
        void WriteAll(string name, byte[] data);

        /// <summary>Appends bytes at the end of the file, creating it when missing (not atomic).</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Deletes the file; no error when it does not exist.</summary>
        void Delete(string name);

        /// <summary>Names of all files whose name starts with <paramref name="prefix"/>, in any order.</summary>
        string[] List(string prefix);
    }
}
