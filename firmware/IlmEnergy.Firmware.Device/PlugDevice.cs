using System;
using System.Collections;
using System.Text;
using IlmEnergy.Firmware.Device.Platform;
using IlmEnergy.Firmware.Metering;
using IlmEnergy.Firmware.Protocol;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// The plug's device loop. <see cref="Start"/> once at boot (state, identity, resume DR), then
    /// <see cref="Tick"/> once a second from one thread:
    /// <list type="number">
    /// <item>drain MQTT callbacks (PUBACKs, commands, connection loss) queued by the client's threads;</item>
    /// <item>owner button, DR scheduler;</item>
    /// <item>read the meter → 1-s readings → samples → batches → sign → flash outbox (BEFORE publishing);</item>
    /// <item>(re)connect with backoff; after each connect: hello, retained "online", subscribe cmd;</item>
    /// <item>publish oldest-first from the outbox, at most <see cref="PublishWindow.DefaultSize"/> unacknowledged;
    /// a record leaves the outbox only on the PUBACK of its own publish.</item>
    /// </list>
    /// Offline buffering: once <see cref="DeviceConfig.OfflineAfterBatches"/> batches wait unacknowledged,
    /// samples are merged to <see cref="DeviceConfig.OfflineSampleSeconds"/> and batches grow to
    /// <see cref="DeviceConfig.OfflineBatchSeconds"/> (60 s × 30 ≈ 0.9 KB per 30 min: the 160 KB outbox then
    /// holds about 3.5 days on top of the first 30 one-minute batches); back to normal once connected and drained.
    /// Lost state: when no valid state was found at boot, the seq floor is raised to the synced Unix time
    /// in ms before the first batch is signed (samples are held until the clock is synced), so new seq
    /// numbers are above any number handed out before the loss (those were at most one per batch).
    /// </summary>
    public sealed class PlugDevice : IMqttEvents
    {
        /// <summary>Payload key 5.</summary>
        public const string FirmwareVersion = "ilm-fw-0.1.0";

        /// <summary>Samples kept while waiting for the clock to raise the seq floor (1 h at 10 s); the oldest go first.</summary>
        public const int MaxHeldSamples = 360;

        private readonly DeviceConfig _config;
        private readonly IFileStore _files;
        private readonly IClock _clock;
        private readonly IRelay _relay;
        private readonly IMeter _meter;
        private readonly IMqttTransport _mqtt;
        private readonly IRandomSource _random;
        private readonly IButton _button;
        private readonly ILog _log;

        private readonly MqttEventQueue _events = new MqttEventQueue();
        private readonly PublishWindow _window = new PublishWindow(PublishWindow.DefaultSize);
        private readonly SampleDownsampler _downsampler = new SampleDownsampler();
        private readonly MeterReading _reading = new MeterReading();
        private readonly ArrayList _held = new ArrayList();

        private DeviceStateStore _store;
        private DeviceIdentity _identity;
        private SequenceAllocator _sequence;
        private EnergyAccumulator _energy;
        private SampleAggregator _aggregator;
        private BatchAssembler _assembler;
        private Outbox _outbox;
        private DrScheduler _scheduler;
        private DrCommandAcceptance _acceptance;
        private ReconnectBackoff _backoff;

        private string _readingsTopic;
        private string _helloTopic;
        private string _statusTopic;
        private string _commandTopic;
        private bool _started;
        private bool _floorPending;
        private bool _connected;
        private bool _helloSentThisBoot;

        public PlugDevice(DeviceConfig config, IFileStore files, IClock clock, IRelay relay, IMeter meter,
            IMqttTransport mqtt, IRandomSource random, IButton button, ILog log)
        {
            if (config == null || files == null || clock == null || relay == null || meter == null
                || mqtt == null || random == null || button == null || log == null)
            {
                throw new ArgumentNullException("every PlugDevice dependency is required");
            }

            _config = config;
            _files = files;
            _clock = clock;
            _relay = relay;
            _meter = meter;
            _mqtt = mqtt;
            _random = random;
            _button = button;
            _log = log;
        }

        /// <summary>Base58 public key (valid after <see cref="Start"/>).</summary>
        public string DeviceId => _identity == null ? null : _identity.DeviceId;

        public byte[] PublicKey => _identity == null ? null : _identity.PublicKey;

        public uint BootCount => _store == null ? 0 : _store.Current.BootCount;

        /// <summary>True while samples are coarsened because the outbox holds a backlog.</summary>
        public bool IsOfflineMode { get; private set; }

        /// <summary>Signed batches waiting in the flash outbox.</summary>
        public int OutboxCount => _outbox == null ? 0 : _outbox.Count;

        /// <summary>Batches signed and stored in the outbox since this boot.</summary>
        public int BatchesQueued { get; private set; }

        /// <summary>Batches acknowledged by the broker (and removed from the outbox) since this boot.</summary>
        public int BatchesAcknowledged { get; private set; }

        /// <summary>Readings publishes sent since this boot (resends included).</summary>
        public int BatchesPublished { get; private set; }

        /// <summary>Connections made since this boot.</summary>
        public int Connections { get; private set; }

        /// <summary>Samples waiting for the clock before the seq floor can be raised (lost state only).</summary>
        public int HeldSamples => _held.Count;

        public DrPhase DrPhase => _scheduler == null ? DrPhase.Idle : _scheduler.Phase;

        /// <summary>Boot: durable state (boot counter +1), identity, outbox, resumption of a DR event.</summary>
        public void Start()
        {
            if (_started)
            {
                throw new InvalidOperationException("Start was already called");
            }

            _config.Validate();
            _store = DeviceStateStore.OpenAtBoot(_files);
            if (_store.LoadError != null)
            {
                _log.Warn("stored state unreadable (" + _store.LoadError + "): energy counter restarts with CounterReset");
            }

            _identity = DeviceIdentity.LoadOrCreate(_files, _random);
            _log.Info((_identity.Created ? "new identity, device id " : "device id ") + _identity.DeviceId
                + ", public key " + _identity.PublicKeyHex + ", boot " + _store.Current.BootCount.ToString());

            _sequence = new SequenceAllocator(_store);
            _floorPending = !_store.Restored;
            _energy = new EnergyAccumulator(_store, new EnergyOptions());

            SamplingOptions sampling = new SamplingOptions();
            sampling.SampleIntervalMs = _config.SampleSeconds * 1000L;
            sampling.BatchIntervalMs = _config.BatchSeconds * 1000L;
            _aggregator = new SampleAggregator(_energy, _clock, sampling);

            // The assembler is sized for the larger of the two modes; the loop closes batches at the
            // current mode's size (BatchAssembler.Close accepts a partial batch).
            int capacity = _config.SamplesPerBatch > _config.OfflineSamplesPerBatch ? _config.SamplesPerBatch : _config.OfflineSamplesPerBatch;
            SamplingOptions sizing = new SamplingOptions();
            sizing.SampleIntervalMs = 1000;
            sizing.BatchIntervalMs = capacity * 1000L;
            _assembler = new BatchAssembler(_store, _sequence, _energy, sizing);

            _outbox = new Outbox(_files, new OutboxOptions());
            _scheduler = new DrScheduler(_store, _relay, _clock, new DrOptions());
            _acceptance = new DrCommandAcceptance(_config.ServerKey, _identity.PublicKey, new Ed25519Verifier(), new StateCommandHistory(_store));
            _backoff = new ReconnectBackoff(_random);

            _readingsTopic = Topics.Readings(_identity.DeviceId);
            _helloTopic = Topics.Hello(_identity.DeviceId);
            _statusTopic = Topics.Status(_identity.DeviceId);
            _commandTopic = Topics.Command(_identity.DeviceId);

            _meter.Start(_clock.UptimeMs);
            _started = true;
            if (_outbox.Count > 0)
            {
                _log.Info(_outbox.Count.ToString() + " batches waiting in the outbox");
            }
        }

        /// <summary>One second of the device loop (see the class comment for the order).</summary>
        public void Tick()
        {
            if (!_started)
            {
                throw new InvalidOperationException("call Start before Tick");
            }

            ProcessMqttEvents();
            if (_button.WasPressed() && !_scheduler.OwnerButtonPressed())
            {
                _relay.Set(!_relay.IsClosed);
            }

            _scheduler.Tick();
            RaiseSeqFloorWhenSynced();
            ReadMeter();
            ChooseBufferingMode();
            KeepConnected();
            PublishFromOutbox();
        }

        /// <summary>Before a planned reboot or power-off: make the energy counter durable.</summary>
        public void PrepareForShutdown()
        {
            if (_started)
            {
                _energy.Checkpoint();
            }
        }

        // IMqttEvents: called on the MQTT client's threads; only enqueue.
        public void OnPublishAcknowledged(ushort messageId)
        {
            _events.Acknowledged(messageId);
        }

        public void OnMessage(string topic, byte[] payload)
        {
            _events.Received(topic, payload);
        }

        public void OnConnectionLost()
        {
            _events.ConnectionLost();
        }

        private void ProcessMqttEvents()
        {
            MqttEvent[] events = _events.DrainAll();
            for (int i = 0; i < events.Length; i++)
            {
                MqttEvent e = events[i];
                if (e.Kind == MqttEventKind.Acknowledged)
                {
                    Acknowledged(e.MessageId);
                }
                else if (e.Kind == MqttEventKind.Message)
                {
                    if (e.Topic == _commandTopic)
                    {
                        HandleCommand(e.Payload);
                    }
                }
                else
                {
                    ConnectionDropped("connection lost");
                }
            }
        }

        private void Acknowledged(ushort messageId)
        {
            if (!_window.Acknowledge(messageId))
            {
                return; // hello, status or a PUBACK from before a reconnect
            }

            long seq;
            while (_window.OldestAcknowledged(out seq))
            {
                if (!_outbox.RemoveOldest(seq))
                {
                    // The outbox dropped records under us (full): resend from its oldest; duplicates are harmless.
                    _window.Clear();
                    return;
                }

                _window.RemoveOldest();
                BatchesAcknowledged++;
            }
        }

        private void HandleCommand(byte[] payload)
        {
            long now = _clock.UtcNowMs;
            DrCommandDecision decision = _acceptance.Evaluate(payload, now < 0 ? 0 : (ulong)now, _config.OptIn);
            _log.Info("DR command " + decision.CommandId + ": " + decision.Reason);
            bool valid = decision.Command != null && (decision.Accepted || decision.Outcome == DrOutcome.DeclinedNotOptedIn);
            if (valid)
            {
                Protocol.Messages.DrCommand c = decision.Command;
                DrAction action = c.Action == Protocol.Messages.DrAction.Cancel ? DrAction.Cancel : DrAction.Curtail;
                _scheduler.Accept(new DrCommand(c.CommandId, c.EventId, action, (long)c.StartMs, (long)c.EndMs), _config.OptIn);
            }
            else
            {
                _scheduler.ReportRejected(decision.CommandId, (DrOutcome)(int)decision.Outcome);
            }
        }

        private void RaiseSeqFloorWhenSynced()
        {
            if (!_floorPending || !_clock.IsSynced)
            {
                return;
            }

            _sequence.RaiseFloor(_clock.UtcNowMs);
            _floorPending = false;
            _log.Info("no saved state: seq numbering continues from " + _sequence.PeekNext.ToString());
            for (int i = 0; i < _held.Count; i++)
            {
                Enqueue((Sample)_held[i]);
            }

            _held.Clear();
        }

        private void ReadMeter()
        {
            bool fresh = _meter.TryRead(_clock.UptimeMs, _reading);
            _assembler.Uncalibrated = _reading.Has(ReadingFlags.Uncalibrated);
            bool closed = _relay.IsClosed;
            Sample sample = fresh
                ? _aggregator.AddReading(_reading.PowerMilliWatts, _reading.VoltageMilliVolts, _reading.CurrentMilliAmps, closed, _scheduler.IsCurtailing)
                : _aggregator.AddFault(closed, _scheduler.IsCurtailing);
            if (sample == null)
            {
                return;
            }

            sample = _downsampler.Add(sample);
            if (sample == null)
            {
                return;
            }

            if (_floorPending)
            {
                if (_held.Count >= MaxHeldSamples)
                {
                    _held.RemoveAt(0);
                }

                _held.Add(sample);
                return;
            }

            Enqueue(sample);
        }

        private int TargetSamplesPerBatch => IsOfflineMode ? _config.OfflineSamplesPerBatch : _config.SamplesPerBatch;

        /// <summary>Adds a sample to the open batch and closes every batch that is due.</summary>
        private void Enqueue(Sample sample)
        {
            _assembler.Add(sample);
            while (_assembler.IsReady || _assembler.Count >= TargetSamplesPerBatch)
            {
                CloseBatch();
            }
        }

        private void CloseBatch()
        {
            BatchData batch = _assembler.Close(_outbox.DroppedPending, _scheduler.PeekReports(BatchAssembler.MaxReports));
            byte[] message;
            try
            {
                message = WireBatch.Sign(batch, _config.Board, FirmwareVersion, _identity.Signer);
            }
            catch (ProtocolException e)
            {
                // Cannot happen with ≤ 80 samples; never crash-loop on it. Reports and flags stay pending.
                _log.Warn("batch " + batch.Seq.ToString() + " not signed: " + e.Message);
                return;
            }

            _outbox.Append(batch.Seq, message); // durable before any publish
            _assembler.Committed(batch);
            _outbox.ClearDropped(batch.Dropped);
            _scheduler.ReportsQueued(batch.DrReports.Length);
            BatchesQueued++;
        }

        private void ChooseBufferingMode()
        {
            int waiting = _outbox.Count;
            bool offline = IsOfflineMode;
            if (!offline && waiting >= _config.OfflineAfterBatches)
            {
                offline = true;
            }
            else if (offline && _connected && waiting == 0)
            {
                offline = false;
            }

            if (offline != IsOfflineMode)
            {
                IsOfflineMode = offline;
                _log.Info(offline
                    ? waiting.ToString() + " batches unacknowledged: offline buffering (" + _config.OfflineSampleSeconds.ToString() + " s samples)"
                    : "backlog delivered: normal sampling");
            }

            _downsampler.Factor = IsOfflineMode ? _config.OfflineSampleSeconds / _config.SampleSeconds : 1;
        }

        private void KeepConnected()
        {
            if (_connected && !_mqtt.IsConnected)
            {
                ConnectionDropped("transport disconnected");
            }

            if (_connected || !_backoff.IsDue(_clock.UptimeMs))
            {
                return;
            }

            if (_mqtt.IsConnected)
            {
                _mqtt.Disconnect(); // we consider that session lost: start a new one rather than trust it
            }

            byte[] will = Encoding.UTF8.GetBytes(Topics.StatusOffline);
            if (!_mqtt.Connect(_identity.DeviceId, _statusTopic, will, this))
            {
                long delay = _backoff.Failed(_clock.UptimeMs);
                _log.Warn("broker connection failed; retry in " + (delay / 1000).ToString() + " s");
                return;
            }

            _connected = true;
            _window.Clear();
            _backoff.Succeeded();
            Connections++;
            PublishHello();
            _mqtt.Publish(_statusTopic, Encoding.UTF8.GetBytes(Topics.StatusOnline), true);
            if (!_mqtt.Subscribe(_commandTopic))
            {
                _log.Warn("subscribe to the command topic failed");
            }

            _log.Info("connected to the broker; " + _outbox.Count.ToString() + " batches to send");
        }

        private void PublishHello()
        {
            HelloMessage hello = new HelloMessage();
            hello.Boot = _store.Current.BootCount;
            hello.Board = _config.Board;
            hello.Firmware = FirmwareVersion;
            uint flags = _clock.IsSynced ? BatchFlags.None : BatchFlags.ClockNotSynced;
            if (_assembler.Uncalibrated)
            {
                flags |= BatchFlags.Uncalibrated;
            }

            if (!_helloSentThisBoot)
            {
                flags |= BatchFlags.FirstAfterBoot;
            }

            hello.Flags = flags;
            long now = _clock.UtcNowMs;
            hello.TimeMs = now < 0 ? 0 : (ulong)now;
            hello.NextSeq = (ulong)_sequence.PeekNext;
            if (_mqtt.Publish(_helloTopic, hello.Sign(_identity.Signer), false) != 0)
            {
                _helloSentThisBoot = true;
            }
        }

        private void ConnectionDropped(string why)
        {
            _window.Clear();
            if (!_connected)
            {
                return;
            }

            _connected = false;
            long delay = _backoff.Failed(_clock.UptimeMs);
            _log.Warn(why + "; reconnect in " + (delay / 1000).ToString() + " s");
        }

        private void PublishFromOutbox()
        {
            if (!_connected || _window.IsFull || _window.Count >= _outbox.Count)
            {
                return; // nothing new to send: spare the flash a read
            }

            OutboxRecord[] records = _outbox.PeekOldest(_window.Size);
            if (_window.Count > 0 && (records.Length < _window.Count || records[0].Seq != _window.SeqAt(0)))
            {
                _window.Clear(); // out of step with the outbox (it dropped records): start again from its oldest
            }

            for (int i = _window.Count; i < records.Length; i++)
            {
                ushort messageId = _mqtt.Publish(_readingsTopic, records[i].Message, false);
                if (messageId == 0)
                {
                    return;
                }

                _window.Published(records[i].Seq, messageId);
                BatchesPublished++;
            }
        }
    }
}
