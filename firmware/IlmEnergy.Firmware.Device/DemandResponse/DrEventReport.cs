using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>One DR report for the next batch: <c>[command id, outcome, at]</c> (docs/protocol.md §3.1).</summary>
    public sealed class DrEventReport
    {
        public DrEventReport(string commandId, DrOutcome outcome, long atMs)
        {
            CommandId = commandId;
            Outcome = outcome;
            AtMs = atMs;
        }

        public string CommandId { get; private set; }

        public DrOutcome Outcome { get; private set; }

        /// <summary>When it happened, Unix ms.</summary>
        public long AtMs { get; private set; }
    }
}
