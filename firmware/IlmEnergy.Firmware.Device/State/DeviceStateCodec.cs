using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Binary form of <see cref="DeviceState"/>. The layout is append-only: a later firmware adds fields
    /// at the END and bumps <see cref="Version"/>; every decoder reads the fields it knows and ignores
    /// the rest. So a firmware downgrade still finds the boot counter, sequence reservation and energy
    /// checkpoint, which must never go backwards.
    /// </summary>
    public static class DeviceStateCodec
    {
        public const byte Version = 1;

        public static byte[] Encode(DeviceState state)
        {
            ByteWriter w = new ByteWriter(128);
            w.WriteByte(Version);
            w.WriteUInt32(state.BootCount);
            w.WriteInt64(state.SeqReservedEnd);
            w.WriteInt64(state.EnergyMwh);
            w.WriteInt64(state.EnergyRemainderMwMs);
            w.WriteBool(state.CounterResetPending);

            w.WriteByte((byte)state.DrPhase);
            w.WriteShortString(state.DrCommandId);
            w.WriteShortString(state.DrEventId);
            w.WriteInt64(state.DrStartMs);
            w.WriteInt64(state.DrEndMs);
            w.WriteBool(state.DrRelayClosedBefore);
            w.WriteBool(state.DrWasCurtailed);
            w.WriteBool(state.DrCancelPending);
            w.WriteInt64(state.DrLastSwitchMs);
            w.WriteInt32(state.DrDay);
            w.WriteByte((byte)state.DrEventsOnDay);

            w.WriteByte((byte)state.ProcessedCommandNext);
            for (int i = 0; i < DeviceState.ProcessedCommandCapacity; i++)
            {
                w.WriteShortString(state.ProcessedCommandIds[i]);
            }

            w.WriteByte((byte)state.PendingReports.Count);
            for (int i = 0; i < state.PendingReports.Count; i++)
            {
                DrEventReport report = (DrEventReport)state.PendingReports[i];
                w.WriteShortString(report.CommandId);
                w.WriteByte((byte)report.Outcome);
                w.WriteInt64(report.AtMs);
            }

            return w.ToArray();
        }

        /// <summary>Decodes, or returns null (with the reason in <paramref name="error"/>) for bytes that do not decode.</summary>
        public static DeviceState Decode(byte[] bytes, out string error)
        {
            error = null;
            try
            {
                return DecodeOrThrow(bytes);
            }
            catch (CorruptDataException e)
            {
                error = e.Message;
                return null;
            }
        }

        private static DeviceState DecodeOrThrow(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new CorruptDataException("no bytes");
            }

            ByteReader r = new ByteReader(bytes, 0, bytes.Length);
            if (r.ReadByte() < 1)
            {
                throw new CorruptDataException("state version 0");
            }

            DeviceState s = new DeviceState();
            s.BootCount = r.ReadUInt32();
            s.SeqReservedEnd = NonNegative(r.ReadInt64(), "seq reservation");
            s.EnergyMwh = NonNegative(r.ReadInt64(), "energy");
            s.EnergyRemainderMwMs = NonNegative(r.ReadInt64(), "energy remainder");
            s.CounterResetPending = r.ReadBool();

            int phase = r.ReadByte();
            if (phase > (int)DrPhase.Curtailing)
            {
                throw new CorruptDataException("unknown DR phase");
            }

            s.DrPhase = (DrPhase)phase;
            s.DrCommandId = r.ReadShortString();
            s.DrEventId = r.ReadShortString();
            s.DrStartMs = r.ReadInt64();
            s.DrEndMs = r.ReadInt64();
            s.DrRelayClosedBefore = r.ReadBool();
            s.DrWasCurtailed = r.ReadBool();
            s.DrCancelPending = r.ReadBool();
            s.DrLastSwitchMs = r.ReadInt64();
            s.DrDay = r.ReadInt32();
            s.DrEventsOnDay = r.ReadByte();

            int next = r.ReadByte();
            if (next >= DeviceState.ProcessedCommandCapacity)
            {
                throw new CorruptDataException("processed-command ring index out of range");
            }

            s.ProcessedCommandNext = next;
            for (int i = 0; i < DeviceState.ProcessedCommandCapacity; i++)
            {
                s.ProcessedCommandIds[i] = r.ReadShortString();
            }

            int reports = r.ReadByte();
            for (int i = 0; i < reports; i++)
            {
                string id = r.ReadShortString();
                int outcome = r.ReadByte();
                long at = r.ReadInt64();
                if (outcome < (int)DrOutcome.Scheduled || outcome > (int)DrOutcome.OwnerOverride)
                {
                    throw new CorruptDataException("unknown DR outcome");
                }

                s.AddReport(new DrEventReport(id, (DrOutcome)outcome, at));
            }

            // Anything left belongs to a newer layout: ignored on purpose (see the class comment).
            return s;
        }

        private static long NonNegative(long value, string what)
        {
            if (value < 0)
            {
                throw new CorruptDataException(what + " is negative");
            }

            return value;
        }
    }
}
