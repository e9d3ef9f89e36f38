using System;

namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>A message or payload broke a rule of docs/protocol.md; <see cref="Reason"/> says which class of rule.</summary>
    public class ProtocolException : Exception
    {
        public ProtocolException(ReasonCode reason, string detail)
            : base(ReasonCodes.NameOf(reason) + ": " + detail)
        {
            Reason = reason;
        }

        public ReasonCode Reason { get; private set; }
    }
}
