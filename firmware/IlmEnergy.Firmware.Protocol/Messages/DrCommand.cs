using IlmEnergy.Firmware.Protocol.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>
    /// DR command, payload kind 3, server → device (docs/protocol.md §3.3). The server (and tests)
    /// encode it; the device decodes it with the strict reader and then applies
    /// <see cref="DrCommandAcceptance"/>.
    /// </summary>
    public class DrCommand
    {
        /// <summary>Longest allowed event window: 4 hours.</summary>
        public const ulong MaxWindowMs = 4UL * 60 * 60 * 1000;

        public string CommandId;

        /// <summary>The target device's 32-byte public key.</summary>
        public byte[] Device;

        public DrAction Action;

        public ulong StartMs;

        public ulong EndMs;

        public ulong IssuedMs;

        public ulong ExpiresMs;

        public string EventId;

        /// <summary>Schema rules of §3.3 (window limits included); throws <see cref="ProtocolException"/>.</summary>
        public void Validate()
        {
            PayloadRules.CheckId(CommandId, "command id");
            PayloadRules.CheckId(EventId, "event id");
            if (Device == null || Device.Length != CoseSign1.KeySize)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "device must be a 32-byte public key");
            }

            if (Action != DrAction.Curtail && Action != DrAction.Cancel)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "unknown action " + ((int)Action).ToString());
            }

            if (StartMs >= EndMs)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "start must be before end");
            }

            if (EndMs - StartMs > MaxWindowMs)
            {
                throw new ProtocolException(ReasonCode.LimitExceeded, "window longer than 4 hours");
            }
        }

        public byte[] EncodePayload()
        {
            Validate();
            CborWriter writer = new CborWriter(160);
            WritePayload(writer);
            return writer.ToArray();
        }

        /// <summary>Writes the payload WITHOUT validating (tests use it for invalid commands).</summary>
        public void WritePayload(CborWriter writer)
        {
            writer.WriteStartMap(10);
            writer.WriteUInt64(PayloadKeys.Kind);
            writer.WriteUInt64((ulong)MessageKind.DrCommand);
            writer.WriteUInt64(PayloadKeys.Version);
            writer.WriteUInt64(PayloadRules.FormatVersion);
            writer.WriteUInt64(PayloadKeys.CommandId);
            writer.WriteTextString(CommandId);
            writer.WriteUInt64(PayloadKeys.Device);
            writer.WriteByteString(Device);
            writer.WriteUInt64(PayloadKeys.Action);
            writer.WriteUInt64((ulong)Action);
            writer.WriteUInt64(PayloadKeys.Start);
            writer.WriteUInt64(StartMs);
            writer.WriteUInt64(PayloadKeys.End);
            writer.WriteUInt64(EndMs);
            writer.WriteUInt64(PayloadKeys.Issued);
            writer.WriteUInt64(IssuedMs);
            writer.WriteUInt64(PayloadKeys.Expires);
            writer.WriteUInt64(ExpiresMs);
            writer.WriteUInt64(PayloadKeys.EventId);
            writer.WriteTextString(EventId);
        }

        /// <summary>Encodes and signs with the server command key: the bytes for the cmd topic.</summary>
        public byte[] Sign(IMessageSigner serverSigner)
        {
            return CoseSign1.Sign(EncodePayload(), serverSigner);
        }

        public static DrCommand DecodePayload(byte[] payload)
        {
            int pairs;
            CborReader reader = PayloadRules.OpenPayload(payload, MessageKind.DrCommand, out pairs);
            DrCommand command = new DrCommand();
            int seen = 0;
            try
            {
                for (int p = 0; p < pairs; p++)
                {
                    int key = PayloadRules.ReadKey(reader);
                    switch (key)
                    {
                        case PayloadKeys.CommandId: command.CommandId = reader.ReadTextString(); break;
                        case PayloadKeys.Device: command.Device = reader.ReadByteString(); break;
                        case PayloadKeys.Action:
                            ulong action = reader.ReadUInt64();
                            command.Action = action > 100 ? (DrAction)0 : (DrAction)(int)action;
                            break;
                        case PayloadKeys.Start: command.StartMs = reader.ReadUInt64(); break;
                        case PayloadKeys.End: command.EndMs = reader.ReadUInt64(); break;
                        case PayloadKeys.Issued: command.IssuedMs = reader.ReadUInt64(); break;
                        case PayloadKeys.Expires: command.ExpiresMs = reader.ReadUInt64(); break;
                        case PayloadKeys.EventId: command.EventId = reader.ReadTextString(); break;
                        default: throw PayloadRules.UnknownKey(key);
                    }

                    seen++;
                }
            }
            catch (CborException e)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, e.Message);
            }

            if (seen != 8)
            {
                throw PayloadRules.Missing("a required command field");
            }

            command.Validate();
            return command;
        }
    }
}
