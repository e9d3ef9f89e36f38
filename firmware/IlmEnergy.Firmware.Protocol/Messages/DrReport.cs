using IlmEnergy.Firmware.Protocol.Cbor;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>
    /// What the device did about one DR command, reported in its next readings batch:
    /// on the wire <c>[command id, outcome, at (Unix ms)]</c> (docs/protocol.md §3.1).
    /// </summary>
    public class DrReport
    {
        public const int ItemCount = 3;

        public DrReport()
        {
        }

        public DrReport(string commandId, DrOutcome outcome, ulong atMs)
        {
            CommandId = commandId;
            Outcome = outcome;
            AtMs = atMs;
        }

        public string CommandId;

        public DrOutcome Outcome;

        public ulong AtMs;

        public void Validate()
        {
            PayloadRules.CheckId(CommandId, "DR report command id");
            if ((int)Outcome < (int)DrOutcome.Scheduled || (int)Outcome > (int)DrOutcome.OwnerOverride)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "unknown DR outcome " + ((int)Outcome).ToString());
            }
        }

        public void WriteTo(CborWriter writer)
        {
            writer.WriteStartArray(ItemCount);
            writer.WriteTextString(CommandId);
            writer.WriteUInt64((ulong)Outcome);
            writer.WriteUInt64(AtMs);
        }

        public static DrReport ReadFrom(CborReader reader)
        {
            if (reader.ReadStartArray() != ItemCount)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "a DR report must have 3 items");
            }

            DrReport report = new DrReport();
            report.CommandId = reader.ReadTextString();
            ulong outcome = reader.ReadUInt64();
            report.Outcome = outcome > 100 ? (DrOutcome)0 : (DrOutcome)(int)outcome;
            report.AtMs = reader.ReadUInt64();
            return report;
        }
    }
}
