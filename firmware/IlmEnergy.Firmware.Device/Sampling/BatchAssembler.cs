using System;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Collects samples into readings batches (6 per 60 s by default, at most 120) and derives the flags.
    /// The device loop, once per sample:
    /// <code>
    /// if (assembler.Add(sample)) {
    ///     BatchData batch = assembler.Close(outbox.DroppedPending, scheduler.PeekReports(BatchAssembler.MaxReports));
    ///     outbox.Append(batch.Seq, Sign(Encode(batch)));   // durable BEFORE any publish
    ///     assembler.Committed(batch);                      // clears FirstAfterBoot and CounterReset
    ///     outbox.ClearDropped(batch.Dropped);
    ///     scheduler.ReportsQueued(batch.DrReports.Length);
    /// }
    /// </code>
    /// Close also checkpoints the energy counter up to the batch's last value and reserves the seq
    /// durably, so the batch never carries a value a reboot could take back.
    /// The commit calls come only after the batch is on flash, so a power cut in between repeats the
    /// flags, dropped count and reports in the next batch instead of losing them.
    /// A batch also closes early when the clock's sync state changes or time steps backwards, so every
    /// batch has strictly increasing timestamps and one consistent time base.
    /// </summary>
    public sealed class BatchAssembler
    {
        /// <summary>The protocol's limit on DR reports per batch.</summary>
        public const int MaxReports = 16;

        private readonly DeviceStateStore _store;
        private readonly SequenceAllocator _sequence;
        private readonly EnergyAccumulator _energy;
        private readonly int _perBatch;
        private readonly Sample[] _samples;
        private int _count;
        private Sample _carried;
        private bool _ready;
        private bool _firstCommitted;

        public BatchAssembler(DeviceStateStore store, SequenceAllocator sequence, EnergyAccumulator energy, SamplingOptions options)
        {
            _store = store;
            _sequence = sequence;
            _energy = energy;
            _perBatch = options.SamplesPerBatch;
            _samples = new Sample[_perBatch];
        }

        /// <summary>Set while the device still runs on default calibration constants (flag Uncalibrated).</summary>
        public bool Uncalibrated { get; set; }

        /// <summary>Samples waiting in the current batch.</summary>
        public int Count => _count;

        /// <summary>True when the current batch must be closed before the next <see cref="Add"/>.</summary>
        public bool IsReady => _ready;

        /// <summary>Adds a sample; returns true when a batch is ready for <see cref="Close"/>.</summary>
        public bool Add(Sample sample)
        {
            if (sample == null)
            {
                throw new ArgumentNullException(nameof(sample));
            }

            if (_ready)
            {
                throw new InvalidOperationException("close the ready batch before adding a sample");
            }

            if (_count > 0)
            {
                Sample last = _samples[_count - 1];
                if (sample.TimestampMs <= last.TimestampMs || sample.ClockSynced != last.ClockSynced)
                {
                    // Starts the next batch; the current one closes as it is.
                    _carried = sample;
                    _ready = true;
                    return true;
                }
            }

            _samples[_count++] = sample;
            _ready = _count == _perBatch;
            return _ready;
        }

        /// <summary>
        /// Closes the current batch (it may be partial, e.g. before a planned reboot): takes a sequence
        /// number, sets the flags and attaches the outbox's dropped count and up to 16 DR reports.
        /// </summary>
        public BatchData Close(uint dropped, DrEventReport[] reports)
        {
            if (_count == 0)
            {
                throw new InvalidOperationException("a batch needs at least one sample");
            }

            if (reports != null && reports.Length > MaxReports)
            {
                throw new ArgumentException("at most 16 DR reports per batch");
            }

            _energy.CheckpointCovering(_samples[_count - 1].EnergyMwh);
            Sample[] samples = new Sample[_count];
            uint flags = BatchFlags.None;
            for (int i = 0; i < _count; i++)
            {
                samples[i] = _samples[i];
                flags |= FlagsOf(samples[i]);
                _samples[i] = null;
            }

            if (_store.Current.CounterResetPending)
            {
                flags |= BatchFlags.CounterReset;
            }

            if (dropped > 0)
            {
                flags |= BatchFlags.OutboxOverflow;
            }

            if (Uncalibrated)
            {
                flags |= BatchFlags.Uncalibrated;
            }

            if (!_firstCommitted)
            {
                flags |= BatchFlags.FirstAfterBoot;
            }

            BatchData batch = new BatchData();
            batch.Seq = _sequence.Next();
            batch.Boot = _store.Current.BootCount;
            batch.Flags = flags;
            batch.Samples = samples;
            batch.Dropped = dropped;
            batch.DrReports = reports ?? new DrEventReport[0];

            _count = 0;
            _ready = false;
            if (_carried != null)
            {
                _samples[_count++] = _carried;
                _carried = null;
                _ready = _count == _perBatch;
            }

            return batch;
        }

        /// <summary>Call once the batch is durably in the outbox.</summary>
        public void Committed(BatchData batch)
        {
            _firstCommitted = true;
            if (batch.Has(BatchFlags.CounterReset) && _store.Current.CounterResetPending)
            {
                _store.Current.CounterResetPending = false;
                _store.Save();
            }
        }

        private static uint FlagsOf(Sample sample)
        {
            uint flags = BatchFlags.None;
            if (!sample.ClockSynced)
            {
                flags |= BatchFlags.ClockNotSynced;
            }

            if (sample.MeterFaults > 0)
            {
                flags |= BatchFlags.MeterFault;
            }

            if (sample.Curtailed)
            {
                flags |= BatchFlags.Curtailed;
            }

            return flags;
        }
    }
}
