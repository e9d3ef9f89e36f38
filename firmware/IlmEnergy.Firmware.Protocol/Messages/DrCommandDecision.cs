namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>What <see cref="DrCommandAcceptance"/> concluded about one received command.</summary>
    public class DrCommandDecision
    {
        public DrCommandDecision(DrOutcome outcome, DrCommand command, string commandId, string reason)
        {
            Outcome = outcome;
            Command = command;
            CommandId = commandId;
            Reason = reason;
        }

        /// <summary>Scheduled / Cancelled when accepted; otherwise the outcome to report.</summary>
        public DrOutcome Outcome;

        /// <summary>The decoded command, or null when it could not be decoded.</summary>
        public DrCommand Command;

        /// <summary>The command id for the DR report, when it could be read; otherwise "unknown".</summary>
        public string CommandId;

        /// <summary>Why, for the device log.</summary>
        public string Reason;

        /// <summary>True when the device should act on the command (schedule it or cancel the event).</summary>
        public bool Accepted
        {
            get { return Outcome == DrOutcome.Scheduled || Outcome == DrOutcome.Cancelled; }
        }
    }
}
