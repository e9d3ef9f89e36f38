using System;

namespace IlmEnergy.Firmware.Protocol.Cbor
{
    /// <summary>
    /// Input is not the deterministic CBOR this protocol accepts (reader), or the caller broke the
    /// writer's rules (wrong item count, keys out of order). The message says which rule.
    /// </summary>
    public class CborException : Exception
    {
        public CborException(string message) : base(message)
        {
        }
    }
}
