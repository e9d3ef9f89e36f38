using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Everything the protocol encoder needs for a readings batch (docs/protocol.md §3.1) except the
    /// board and firmware strings, as plain values.
    /// </summary>
    public sealed class BatchData
    {
        /// <summary>Key 2.</summary>
        public long Seq { get; set; }

        /// <summary>Key 3.</summary>
        public uint Boot { get; set; }

        /// <summary>Key 6: bits from <see cref="BatchFlags"/>.</summary>
        public uint Flags { get; set; }

        /// <summary>Key 7: 1–120 samples, strictly increasing in time.</summary>
        public Sample[] Samples { get; set; }

        /// <summary>Key 8: batches the outbox dropped since the previous batch was queued; 0 = omit.</summary>
        public uint Dropped { get; set; }

        /// <summary>Key 9: at most 16 reports; empty = omit.</summary>
        public DrEventReport[] DrReports { get; set; }

        public bool Has(uint flag)
        {
            return (Flags & flag) == flag;
        }
    }
}
