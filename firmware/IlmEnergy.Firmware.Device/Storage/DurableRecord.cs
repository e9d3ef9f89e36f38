namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// A small record that survives power loss at any byte of a write. It alternates between two files,
    /// <c>name.a</c> and <c>name.b</c>, each holding
    /// <c>[magic "ILMR" | format 1 | generation u32 | length u32 | payload | crc32 of all before]</c>.
    /// A save overwrites the OLDER slot, so the newest good copy is never touched while writing; a load
    /// takes the valid slot with the highest generation and ignores a torn or corrupt one.
    /// </summary>
    public sealed class DurableRecord
    {
        public const int Overhead = HeaderSize + 4;

        private const int HeaderSize = 13;
        private const byte Format = 1;
        private static readonly byte[] Magic = new byte[] { 0x49, 0x4C, 0x4D, 0x52 };

        private readonly IFileStore _files;
        private readonly string _slotA;
        private readonly string _slotB;
        private bool _loaded;
        private bool _currentIsA;
        private bool _hasCurrent;

        public DurableRecord(IFileStore files, string name)
        {
            _files = files;
            _slotA = name + ".a";
            _slotB = name + ".b";
        }

        /// <summary>Generation of the newest valid copy (0 when there is none).</summary>
        public uint Generation { get; private set; }

        /// <summary>The newest valid payload, or null when neither slot holds a valid copy.</summary>
        public byte[] Load()
        {
            uint generationA;
            uint generationB;
            byte[] payloadA = ReadSlot(_slotA, out generationA);
            byte[] payloadB = ReadSlot(_slotB, out generationB);
            _loaded = true;
            _hasCurrent = payloadA != null || payloadB != null;
            _currentIsA = payloadA != null && (payloadB == null || generationA >= generationB);
            Generation = !_hasCurrent ? 0 : (_currentIsA ? generationA : generationB);
            return !_hasCurrent ? null : (_currentIsA ? payloadA : payloadB);
        }

        /// <summary>Writes a new generation into the slot that does not hold the newest copy.</summary>
        public void Save(byte[] payload)
        {
            if (!_loaded)
            {
                Load();
            }

            uint generation = Generation + 1;
            bool writeA = !_hasCurrent || !_currentIsA;
            _files.WriteAll(writeA ? _slotA : _slotB, Encode(payload, generation));

            // Only a completed write changes which slot is current; after a failed one the good copy stays.
            _hasCurrent = true;
            _currentIsA = writeA;
            Generation = generation;
        }

        private static byte[] Encode(byte[] payload, uint generation)
        {
            ByteWriter writer = new ByteWriter(payload.Length + Overhead);
            writer.WriteBytes(Magic, 0, Magic.Length);
            writer.WriteByte(Format);
            writer.WriteUInt32(generation);
            writer.WriteUInt32((uint)payload.Length);
            writer.WriteBytes(payload, 0, payload.Length);
            writer.WriteUInt32(Crc32.Compute(writer.Buffer, 0, writer.Length));
            return writer.ToArray();
        }

        private byte[] ReadSlot(string name, out uint generation)
        {
            generation = 0;
            byte[] bytes = _files.ReadAll(name);
            if (bytes == null || bytes.Length < Overhead)
            {
                return null;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (bytes[i] != Magic[i])
                {
                    return null;
                }
            }

            ByteReader reader = new ByteReader(bytes, Magic.Length, bytes.Length - Magic.Length);
            if (reader.ReadByte() != Format)
            {
                return null;
            }

            uint slotGeneration = reader.ReadUInt32();
            uint length = reader.ReadUInt32();
            if (length != (uint)(bytes.Length - Overhead))
            {
                return null;
            }

            int crcAt = bytes.Length - 4;
            ByteReader crcReader = new ByteReader(bytes, crcAt, 4);
            if (crcReader.ReadUInt32() != Crc32.Compute(bytes, 0, crcAt))
            {
                return null;
            }

            byte[] payload = new byte[length];
            System.Array.Copy(bytes, HeaderSize, payload, 0, (int)length);
            generation = slotGeneration;
            return payload;
        }
    }
}
