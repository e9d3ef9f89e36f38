using IlmEnergy.Firmware.Protocol.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>Hello, payload kind 2 (docs/protocol.md §3.2): sent after every MQTT connection.</summary>
    public class HelloMessage
    {
        public uint Boot;

        public string Board;

        public string Firmware;

        public uint Flags;

        /// <summary>The device clock, Unix ms.</summary>
        public ulong TimeMs;

        /// <summary>The next readings sequence number the device will use.</summary>
        public ulong NextSeq;

        public void Validate()
        {
            PayloadRules.CheckBoard(Board);
            PayloadRules.CheckFirmware(Firmware);
            PayloadRules.CheckFlags(Flags);
        }

        public byte[] EncodePayload()
        {
            Validate();
            CborWriter writer = new CborWriter(96);
            writer.WriteStartMap(8);
            writer.WriteUInt64(PayloadKeys.Kind);
            writer.WriteUInt64((ulong)MessageKind.Hello);
            writer.WriteUInt64(PayloadKeys.Version);
            writer.WriteUInt64(PayloadRules.FormatVersion);
            writer.WriteUInt64(PayloadKeys.Boot);
            writer.WriteUInt32(Boot);
            writer.WriteUInt64(PayloadKeys.Board);
            writer.WriteTextString(Board);
            writer.WriteUInt64(PayloadKeys.Firmware);
            writer.WriteTextString(Firmware);
            writer.WriteUInt64(PayloadKeys.Flags);
            writer.WriteUInt32(Flags);
            writer.WriteUInt64(PayloadKeys.Time);
            writer.WriteUInt64(TimeMs);
            writer.WriteUInt64(PayloadKeys.NextSeq);
            writer.WriteUInt64(NextSeq);
            return writer.ToArray();
        }

        public byte[] Sign(IMessageSigner signer)
        {
            return CoseSign1.Sign(EncodePayload(), signer);
        }

        public static HelloMessage DecodePayload(byte[] payload)
        {
            int pairs;
            CborReader reader = PayloadRules.OpenPayload(payload, MessageKind.Hello, out pairs);
            HelloMessage hello = new HelloMessage();
            int seen = 0;
            try
            {
                for (int p = 0; p < pairs; p++)
                {
                    int key = PayloadRules.ReadKey(reader);
                    switch (key)
                    {
                        case PayloadKeys.Boot: hello.Boot = reader.ReadUInt32(); break;
                        case PayloadKeys.Board: hello.Board = reader.ReadTextString(); break;
                        case PayloadKeys.Firmware: hello.Firmware = reader.ReadTextString(); break;
                        case PayloadKeys.Flags: hello.Flags = reader.ReadUInt32(); break;
                        case PayloadKeys.Time: hello.TimeMs = reader.ReadUInt64(); break;
                        case PayloadKeys.NextSeq: hello.NextSeq = reader.ReadUInt64(); break;
                        default: throw PayloadRules.UnknownKey(key);
                    }

                    seen++;
                }
            }
            catch (CborException e)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, e.Message);
            }

            // Keys ascend strictly and unknown ones throw, so 6 keys read means all 6 are present.
            if (seen != 6)
            {
                throw PayloadRules.Missing("a required hello field");
            }

            hello.Validate();
            return hello;
        }
    }
}
