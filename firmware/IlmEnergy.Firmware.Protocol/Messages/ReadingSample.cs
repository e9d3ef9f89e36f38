using IlmEnergy.Firmware.Protocol.Cbor;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>
    /// One metering sample, on the wire an array of exactly 6 items
    /// <c>[t (Unix ms), e (mWh), p (mW), v (mV), i (mA), relay]</c> (docs/protocol.md §3.1).
    /// Integer units only: the plug has no FPU.
    /// </summary>
    public class ReadingSample
    {
        public const int ItemCount = 6;

        public ReadingSample()
        {
        }

        public ReadingSample(ulong timestampMs, long energyMwh, int powerMw, uint voltageMv, uint currentMa, bool relayClosed)
        {
            TimestampMs = timestampMs;
            EnergyMwh = energyMwh;
            PowerMw = powerMw;
            VoltageMv = voltageMv;
            CurrentMa = currentMa;
            RelayClosed = relayClosed;
        }

        /// <summary>End of the averaging interval, Unix milliseconds UTC.</summary>
        public ulong TimestampMs;

        /// <summary>Cumulative energy counter at <see cref="TimestampMs"/>, mWh, 0 … 2⁶³−1.</summary>
        public long EnergyMwh;

        /// <summary>Mean active power over the interval, mW; positive = consumption.</summary>
        public int PowerMw;

        public uint VoltageMv;

        public uint CurrentMa;

        /// <summary>True when the relay is closed (load powered).</summary>
        public bool RelayClosed;

        public void WriteTo(CborWriter writer)
        {
            writer.WriteStartArray(ItemCount);
            writer.WriteUInt64(TimestampMs);
            writer.WriteInt64(EnergyMwh);
            writer.WriteInt64(PowerMw);
            writer.WriteUInt32(VoltageMv);
            writer.WriteUInt32(CurrentMa);
            writer.WriteBool(RelayClosed);
        }

        /// <summary>Reads one sample; type or range errors throw (the caller maps them to SchemaViolation).</summary>
        public static ReadingSample ReadFrom(CborReader reader)
        {
            if (reader.ReadStartArray() != ItemCount)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "a sample must have 6 items");
            }

            ReadingSample sample = new ReadingSample();
            sample.TimestampMs = reader.ReadUInt64();
            ulong energy = reader.ReadUInt64();
            if (energy > PayloadRules.MaxSigned64)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "energy counter above 2^63-1");
            }

            sample.EnergyMwh = (long)energy;
            sample.PowerMw = reader.ReadInt32();
            sample.VoltageMv = reader.ReadUInt32();
            sample.CurrentMa = reader.ReadUInt32();
            sample.RelayClosed = reader.ReadBool();
            return sample;
        }
    }
}
