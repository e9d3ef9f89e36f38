using System;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>Sample and batch periods. Defaults: a sample every 10 s, a batch of 6 every 60 s.</summary>
    public sealed class SamplingOptions
    {
        /// <summary>The protocol's limit on samples per batch (docs/protocol.md §3.1).</summary>
        public const int MaxSamplesPerBatch = 120;

        public SamplingOptions()
        {
            SampleIntervalMs = 10000;
            BatchIntervalMs = 60000;
        }

        public long SampleIntervalMs { get; set; }

        public long BatchIntervalMs { get; set; }

        /// <summary>Samples that fill one batch; throws for a configuration outside 1–120.</summary>
        public int SamplesPerBatch
        {
            get
            {
                if (SampleIntervalMs <= 0 || BatchIntervalMs < SampleIntervalMs)
                {
                    throw new ArgumentException("need 0 < SampleIntervalMs <= BatchIntervalMs");
                }

                long count = BatchIntervalMs / SampleIntervalMs;
                if (count > MaxSamplesPerBatch)
                {
                    throw new ArgumentException("a batch may hold at most 120 samples");
                }

                return (int)count;
            }
        }
    }
}
