using IlmEnergy.Firmware.Protocol.Cose;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>
    /// The device's acceptance rules for a received DR command (docs/protocol.md §3.3): the kid must be
    /// the pinned server key and the signature must verify (else RejectedSignature); the command must be
    /// well formed, addressed to this device, not expired, within limits and not already processed
    /// (else RejectedInvalid). A valid curtail for a plug that is not opted in is DeclinedNotOptedIn.
    /// </summary>
    public class DrCommandAcceptance
    {
        public const string UnknownCommandId = "unknown";

        private readonly byte[] _pinnedServerKey;
        private readonly byte[] _ownPublicKey;
        private readonly IMessageVerifier _verifier;
        private readonly ICommandHistory _history;

        public DrCommandAcceptance(byte[] pinnedServerKey, byte[] ownPublicKey, IMessageVerifier verifier, ICommandHistory history)
        {
            _pinnedServerKey = pinnedServerKey;
            _ownPublicKey = ownPublicKey;
            _verifier = verifier;
            _history = history;
        }

        public DrCommandDecision Evaluate(byte[] message, ulong nowMs, bool optedIn)
        {
            CoseSign1Message envelope;
            try
            {
                envelope = CoseSign1.Decode(message);
            }
            catch (ProtocolException e)
            {
                DrOutcome outcome = e.Reason == ReasonCode.BadSignature || e.Reason == ReasonCode.BadKeyId
                    ? DrOutcome.RejectedSignature
                    : DrOutcome.RejectedInvalid;
                return new DrCommandDecision(outcome, null, UnknownCommandId, e.Message);
            }

            // Only the pinned key may command the plug; check it before spending time on the signature.
            if (!BytesEqual(envelope.KeyId, _pinnedServerKey))
            {
                return new DrCommandDecision(DrOutcome.RejectedSignature, null, UnknownCommandId, "signer is not the pinned server key");
            }

            try
            {
                CoseSign1.Verify(envelope, _verifier);
            }
            catch (ProtocolException e)
            {
                return new DrCommandDecision(DrOutcome.RejectedSignature, null, UnknownCommandId, e.Message);
            }

            DrCommand command;
            try
            {
                command = DrCommand.DecodePayload(envelope.Payload);
            }
            catch (ProtocolException e)
            {
                return new DrCommandDecision(DrOutcome.RejectedInvalid, null, UnknownCommandId, e.Message);
            }

            string reason = CheckApplicable(command, nowMs);
            if (reason != null)
            {
                return new DrCommandDecision(DrOutcome.RejectedInvalid, command, command.CommandId, reason);
            }

            if (command.Action == DrAction.Cancel)
            {
                return new DrCommandDecision(DrOutcome.Cancelled, command, command.CommandId, "cancel accepted");
            }

            if (!optedIn)
            {
                return new DrCommandDecision(DrOutcome.DeclinedNotOptedIn, command, command.CommandId, "owner has not opted in");
            }

            return new DrCommandDecision(DrOutcome.Scheduled, command, command.CommandId, "scheduled");
        }

        // Returns null when the signed, well-formed command applies to this device now.
        private string CheckApplicable(DrCommand command, ulong nowMs)
        {
            if (!BytesEqual(command.Device, _ownPublicKey))
            {
                return "addressed to another device";
            }

            if (nowMs >= command.ExpiresMs)
            {
                return "expired";
            }

            if (_history != null && _history.HasProcessed(command.CommandId))
            {
                return "command id already processed";
            }

            return null;
        }

        private static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
