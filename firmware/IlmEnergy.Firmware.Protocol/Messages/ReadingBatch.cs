using IlmEnergy.Firmware.Protocol.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>
    /// Readings batch, payload kind 1 (docs/protocol.md §3.1). <see cref="Validate"/> holds every
    /// schema rule; encoding validates first, decoding parses then validates, so both sides agree.
    /// </summary>
    public class ReadingBatch
    {
        public const int MaxSamples = 120;
        public const int MaxDrReports = 16;

        public ulong Seq;

        public uint Boot;

        public string Board;

        public string Firmware;

        /// <summary>Bits from <see cref="BatchFlags"/>.</summary>
        public uint Flags;

        /// <summary>1–120 samples in strictly increasing time order.</summary>
        public ReadingSample[] Samples;

        /// <summary>Batches the outbox discarded since the previous one; 0 = key 8 absent.</summary>
        public uint Dropped;

        /// <summary>DR reports since the previous batch; null or empty = key 9 absent.</summary>
        public DrReport[] DrReports;

        /// <summary>Throws <see cref="ProtocolException"/> for the first schema rule the batch breaks.</summary>
        public void Validate()
        {
            if (Seq > PayloadRules.MaxSigned64)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "seq above 2^63-1");
            }

            PayloadRules.CheckBoard(Board);
            PayloadRules.CheckFirmware(Firmware);
            PayloadRules.CheckFlags(Flags);
            ValidateSamples();
            if (DrReports != null)
            {
                if (DrReports.Length > MaxDrReports)
                {
                    throw new ProtocolException(ReasonCode.LimitExceeded, "more than 16 DR reports");
                }

                for (int i = 0; i < DrReports.Length; i++)
                {
                    DrReports[i].Validate();
                }
            }
        }

        private void ValidateSamples()
        {
            if (Samples == null || Samples.Length == 0)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "a batch needs at least one sample");
            }

            if (Samples.Length > MaxSamples)
            {
                throw new ProtocolException(ReasonCode.LimitExceeded, "more than 120 samples");
            }

            bool resetAllowed = (Flags & BatchFlags.CounterReset) != 0;
            for (int i = 0; i < Samples.Length; i++)
            {
                if (Samples[i].EnergyMwh < 0)
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "negative energy counter");
                }

                if (i == 0)
                {
                    continue;
                }

                if (Samples[i].TimestampMs <= Samples[i - 1].TimestampMs)
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "sample timestamps must strictly increase");
                }

                if (Samples[i].EnergyMwh < Samples[i - 1].EnergyMwh)
                {
                    // CounterReset allows exactly one decrease: the reset point.
                    if (!resetAllowed)
                    {
                        throw new ProtocolException(ReasonCode.SchemaViolation, "energy counter decreased without CounterReset");
                    }

                    resetAllowed = false;
                }
            }
        }

        /// <summary>Validates, then returns the deterministic CBOR payload.</summary>
        public byte[] EncodePayload()
        {
            Validate();
            CborWriter writer = new CborWriter(64 + Samples.Length * 32);
            WritePayload(writer);
            return writer.ToArray();
        }

        /// <summary>
        /// Validates, encodes and signs: the bytes to publish on the readings topic. Refuses
        /// (MessageTooLarge) to produce a message the server would refuse: with the widest values a
        /// sample takes 33 bytes, so a 120-sample batch can exceed 4096 bytes; callers close batches
        /// earlier (docs/protocol.md §7).
        /// </summary>
        public byte[] Sign(IMessageSigner signer)
        {
            byte[] message = CoseSign1.Sign(EncodePayload(), signer);
            if (message.Length > CoseSign1.MaxMessageSize)
            {
                throw new ProtocolException(ReasonCode.MessageTooLarge,
                    "signed batch of " + Samples.Length + " samples is " + message.Length + " bytes, over 4096: close batches earlier");
            }
            return message;
        }

        /// <summary>Writes the payload WITHOUT validating (test vectors use it to build invalid batches).</summary>
        public void WritePayload(CborWriter writer)
        {
            bool hasDropped = Dropped > 0;
            bool hasDr = DrReports != null && DrReports.Length > 0;
            writer.WriteStartMap(8 + (hasDropped ? 1 : 0) + (hasDr ? 1 : 0));
            writer.WriteUInt64(PayloadKeys.Kind);
            writer.WriteUInt64((ulong)MessageKind.Readings);
            writer.WriteUInt64(PayloadKeys.Version);
            writer.WriteUInt64(PayloadRules.FormatVersion);
            writer.WriteUInt64(PayloadKeys.Seq);
            writer.WriteUInt64(Seq);
            writer.WriteUInt64(PayloadKeys.Boot);
            writer.WriteUInt32(Boot);
            writer.WriteUInt64(PayloadKeys.Board);
            writer.WriteTextString(Board);
            writer.WriteUInt64(PayloadKeys.Firmware);
            writer.WriteTextString(Firmware);
            writer.WriteUInt64(PayloadKeys.Flags);
            writer.WriteUInt32(Flags);
            writer.WriteUInt64(PayloadKeys.Samples);
            writer.WriteStartArray(Samples.Length);
            for (int i = 0; i < Samples.Length; i++)
            {
                Samples[i].WriteTo(writer);
            }

            if (hasDropped)
            {
                writer.WriteUInt64(PayloadKeys.Dropped);
                writer.WriteUInt32(Dropped);
            }

            if (hasDr)
            {
                writer.WriteUInt64(PayloadKeys.DrReports);
                writer.WriteStartArray(DrReports.Length);
                for (int i = 0; i < DrReports.Length; i++)
                {
                    DrReports[i].WriteTo(writer);
                }
            }
        }

        /// <summary>Decodes and validates a payload; throws <see cref="ProtocolException"/> with the §6 reason.</summary>
        public static ReadingBatch DecodePayload(byte[] payload)
        {
            int pairs;
            CborReader reader = PayloadRules.OpenPayload(payload, MessageKind.Readings, out pairs);
            ReadingBatch batch = new ReadingBatch();
            bool seq = false, boot = false, board = false, fw = false, flags = false;
            try
            {
                for (int p = 0; p < pairs; p++)
                {
                    int key = PayloadRules.ReadKey(reader);
                    switch (key)
                    {
                        case PayloadKeys.Seq: batch.Seq = reader.ReadUInt64(); seq = true; break;
                        case PayloadKeys.Boot: batch.Boot = reader.ReadUInt32(); boot = true; break;
                        case PayloadKeys.Board: batch.Board = reader.ReadTextString(); board = true; break;
                        case PayloadKeys.Firmware: batch.Firmware = reader.ReadTextString(); fw = true; break;
                        case PayloadKeys.Flags: batch.Flags = reader.ReadUInt32(); flags = true; break;
                        case PayloadKeys.Samples: batch.Samples = ReadSamples(reader); break;
                        case PayloadKeys.Dropped:
                            batch.Dropped = reader.ReadUInt32();
                            if (batch.Dropped == 0)
                            {
                                throw new ProtocolException(ReasonCode.SchemaViolation, "dropped must be omitted when 0");
                            }

                            break;
                        case PayloadKeys.DrReports:
                            batch.DrReports = ReadDrReports(reader);
                            break;
                        default:
                            throw PayloadRules.UnknownKey(key);
                    }
                }
            }
            catch (CborException e)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, e.Message);
            }

            if (!seq || !boot || !board || !fw || !flags || batch.Samples == null)
            {
                throw PayloadRules.Missing("a required readings field");
            }

            batch.Validate();
            return batch;
        }

        private static ReadingSample[] ReadSamples(CborReader reader)
        {
            int count = reader.ReadStartArray();
            if (count > MaxSamples)
            {
                throw new ProtocolException(ReasonCode.LimitExceeded, "more than 120 samples");
            }

            ReadingSample[] samples = new ReadingSample[count];
            for (int i = 0; i < count; i++)
            {
                samples[i] = ReadingSample.ReadFrom(reader);
            }

            return samples;
        }

        private static DrReport[] ReadDrReports(CborReader reader)
        {
            int count = reader.ReadStartArray();
            if (count == 0)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "dr must be omitted when empty");
            }

            if (count > MaxDrReports)
            {
                throw new ProtocolException(ReasonCode.LimitExceeded, "more than 16 DR reports");
            }

            DrReport[] reports = new DrReport[count];
            for (int i = 0; i < count; i++)
            {
                reports[i] = DrReport.ReadFrom(reader);
            }

            return reports;
        }
    }
}
