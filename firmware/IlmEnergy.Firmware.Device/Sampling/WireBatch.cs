using IlmEnergy.Firmware.Protocol;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Turns the device core's <see cref="BatchData"/> into the protocol library's <see cref="ReadingBatch"/>
    /// and signs it. The casts are safe by construction: times are Unix ms after SNTP (or uptime-based and
    /// positive before), seq and energy are non-negative, and outcome codes are numbered as the protocol's.
    /// </summary>
    public static class WireBatch
    {
        public static ReadingBatch ToReadingBatch(BatchData batch, string board, string firmware)
        {
            ReadingBatch wire = new ReadingBatch();
            wire.Seq = (ulong)batch.Seq;
            wire.Boot = batch.Boot;
            wire.Board = board;
            wire.Firmware = firmware;
            wire.Flags = batch.Flags;
            wire.Dropped = batch.Dropped;
            wire.Samples = new ReadingSample[batch.Samples.Length];
            for (int i = 0; i < batch.Samples.Length; i++)
            {
                Sample s = batch.Samples[i];
                wire.Samples[i] = new ReadingSample(
                    NonNegative(s.TimestampMs), s.EnergyMwh, s.PowerMw,
                    (uint)(s.VoltageMv < 0 ? 0 : s.VoltageMv), (uint)(s.CurrentMa < 0 ? 0 : s.CurrentMa), s.RelayClosed);
            }

            int reports = batch.DrReports == null ? 0 : batch.DrReports.Length;
            wire.DrReports = new DrReport[reports];
            for (int i = 0; i < reports; i++)
            {
                DrEventReport r = batch.DrReports[i];
                wire.DrReports[i] = new DrReport(r.CommandId, r.Outcome, NonNegative(r.AtMs));
            }

            return wire;
        }

        /// <summary>Validates, encodes and signs; throws ProtocolException when the batch breaks a schema rule.</summary>
        public static byte[] Sign(BatchData batch, string board, string firmware, IMessageSigner signer)
        {
            return ToReadingBatch(batch, board, firmware).Sign(signer);
        }

        private static ulong NonNegative(long value)
        {
            return value < 0 ? 0 : (ulong)value;
        }
    }
}
