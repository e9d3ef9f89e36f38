using System;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// Turns verified DR commands into relay actions over time, one event at a time:
    /// at the window start it opens the relay (only if the owner opted in), at the end it restores the
    /// relay state from before the event, a cancel or an owner button press ends it early. Everything is
    /// persisted in <see cref="DeviceState"/>; constructing the scheduler at boot resumes an interrupted
    /// event (inside the window: stays curtailed; past the end: restores at once). Reports for the next
    /// batch accumulate in the state (<see cref="PeekReports"/>). Call <see cref="Tick"/> every second.
    /// Lifecycle reports (Scheduled, Curtailed, Restored | Cancelled | OwnerOverride) carry the curtail
    /// command's id; a cancel command's own id is only reported when it is rejected.
    /// </summary>
    public sealed class DrScheduler
    {
        private const long MsPerDay = 86400000;

        private readonly DeviceStateStore _store;
        private readonly IRelay _relay;
        private readonly IClock _clock;
        private readonly DrOptions _options;

        // Uptime of a fail-safe restore at boot (wall time unknown then), for the switch rate limit.
        private bool _failSafeRestored;
        private long _failSafeUptimeMs;

        public DrScheduler(DeviceStateStore store, IRelay relay, IClock clock, DrOptions options)
        {
            _store = store;
            _relay = relay;
            _clock = clock;
            _options = options;
            Resume();
        }

        public DrPhase Phase => State.DrPhase;

        /// <summary>True while the scheduler holds the relay open (sample flag Curtailed).</summary>
        public bool IsCurtailing => State.DrPhase == DrPhase.Curtailing;

        public int PendingReportCount => State.PendingReports.Count;

        private DeviceState State => _store.Current;

        /// <summary>
        /// Handles a command the protocol layer has verified. Returns the outcome reported for it, or
        /// <see cref="DrOutcome.None"/> when its id was already processed (ignored, relay untouched).
        /// </summary>
        public DrOutcome Accept(DrCommand command, bool optedIn)
        {
            if (command == null || command.CommandId == null || command.CommandId.Length == 0)
            {
                throw new ArgumentException("a command needs a command id");
            }

            if (State.HasProcessed(command.CommandId))
            {
                return DrOutcome.None;
            }

            State.MarkProcessed(command.CommandId);
            DrOutcome outcome;
            if (command.Action == DrAction.Curtail)
            {
                outcome = AcceptCurtail(command, optedIn);
            }
            else if (command.Action == DrAction.Cancel)
            {
                outcome = AcceptCancel(command);
            }
            else
            {
                outcome = Report(command.CommandId, DrOutcome.RejectedInvalid);
            }

            _store.Save();
            Tick();
            return outcome;
        }

        /// <summary>
        /// Queues a report for a command the protocol layer refused (RejectedSignature or RejectedInvalid).
        /// A well-signed id is remembered so a redelivery is not reported twice; an unverified one is not,
        /// so forged ids cannot crowd genuine ones out of the replay ring.
        /// </summary>
        public void ReportRejected(string commandId, DrOutcome outcome)
        {
            if (commandId == null || commandId.Length == 0 || State.HasProcessed(commandId))
            {
                return;
            }

            if (outcome == DrOutcome.RejectedInvalid)
            {
                State.MarkProcessed(commandId);
            }

            Report(commandId, outcome);
            _store.Save();
        }

        /// <summary>Performs the relay actions that are due. Does nothing until the clock is synced.</summary>
        public void Tick()
        {
            if (State.DrPhase == DrPhase.Idle || !_clock.IsSynced)
            {
                return;
            }

            long now = _clock.UtcNowMs;
            if (State.DrPhase == DrPhase.Scheduled)
            {
                if (now >= State.DrEndMs)
                {
                    Finish(now, false);
                }
                else if (now >= State.DrStartMs && now + _options.MinSwitchIntervalMs <= State.DrEndMs && SwitchAllowed(now))
                {
                    Open(now);
                }
            }
            else if (now >= State.DrEndMs)
            {
                Finish(now, true);
            }
        }

        /// <summary>
        /// The owner pressed the button. During a curtailment this restores power at once and ends the
        /// event (OwnerOverride); returns true then, so the caller does not also toggle the relay.
        /// </summary>
        public bool OwnerButtonPressed()
        {
            if (State.DrPhase != DrPhase.Curtailing)
            {
                return false;
            }

            long now = _clock.UtcNowMs;
            _relay.Set(true);
            State.DrLastSwitchMs = now;
            Report(State.DrCommandId, DrOutcome.OwnerOverride);
            ClearEvent();
            _store.Save();
            return true;
        }

        /// <summary>Up to <paramref name="max"/> oldest pending reports, without removing them.</summary>
        public DrEventReport[] PeekReports(int max)
        {
            int count = State.PendingReports.Count < max ? State.PendingReports.Count : max;
            DrEventReport[] reports = new DrEventReport[count];
            for (int i = 0; i < count; i++)
            {
                reports[i] = (DrEventReport)State.PendingReports[i];
            }

            return reports;
        }

        /// <summary>The first <paramref name="count"/> reports are in a queued batch: forget them.</summary>
        public void ReportsQueued(int count)
        {
            if (count <= 0)
            {
                return;
            }

            for (int i = 0; i < count && State.PendingReports.Count > 0; i++)
            {
                State.PendingReports.RemoveAt(0);
            }

            _store.Save();
        }

        private DrOutcome AcceptCurtail(DrCommand command, bool optedIn)
        {
            string id = command.CommandId;
            long length = command.EndMs - command.StartMs;
            if (length <= 0 || length > _options.MaxWindowMs || command.EventId == null || command.EventId.Length == 0)
            {
                return Report(id, DrOutcome.RejectedInvalid);
            }

            if (_clock.IsSynced && _clock.UtcNowMs >= command.EndMs)
            {
                return Report(id, DrOutcome.RejectedInvalid);
            }

            if (!optedIn)
            {
                return Report(id, DrOutcome.DeclinedNotOptedIn);
            }

            if (State.DrPhase != DrPhase.Idle)
            {
                // One event at a time: the running or scheduled one keeps its slot.
                return Report(id, DrOutcome.RejectedInvalid);
            }

            int day = (int)(command.StartMs / MsPerDay);
            if (day != State.DrDay)
            {
                State.DrDay = day;
                State.DrEventsOnDay = 0;
            }

            if (State.DrEventsOnDay >= _options.MaxEventsPerDay)
            {
                return Report(id, DrOutcome.RejectedInvalid);
            }

            State.DrEventsOnDay++;
            State.DrPhase = DrPhase.Scheduled;
            State.DrCommandId = id;
            State.DrEventId = command.EventId;
            State.DrStartMs = command.StartMs;
            State.DrEndMs = command.EndMs;
            State.DrWasCurtailed = false;
            State.DrCancelPending = false;
            return Report(id, DrOutcome.Scheduled);
        }

        private DrOutcome AcceptCancel(DrCommand command)
        {
            if (State.DrPhase == DrPhase.Idle || command.EventId != State.DrEventId)
            {
                return Report(command.CommandId, DrOutcome.RejectedInvalid);
            }

            long now = _clock.UtcNowMs;
            if (State.DrPhase == DrPhase.Curtailing)
            {
                // Restore now if the compressor guard allows, else as soon as it does (always inside
                // the window, because curtailment only starts MinSwitchInterval before the end).
                State.DrCancelPending = true;
                long earliest = State.DrLastSwitchMs + _options.MinSwitchIntervalMs;
                State.DrEndMs = now > earliest ? now : earliest;
                return DrOutcome.Cancelled;
            }

            if (State.DrWasCurtailed)
            {
                // Scheduled again after a fail-safe restore at boot: the relay is already restored.
                State.DrCancelPending = true;
                Finish(now, false);
                return DrOutcome.Cancelled;
            }

            string curtailId = State.DrCommandId;
            ClearEvent();
            return Report(curtailId, DrOutcome.Cancelled);
        }

        private void Open(long now)
        {
            if (!State.DrWasCurtailed)
            {
                State.DrRelayClosedBefore = _relay.IsClosed;
            }

            _relay.Set(false);
            State.DrLastSwitchMs = now;
            State.DrPhase = DrPhase.Curtailing;
            State.DrWasCurtailed = true;
            Report(State.DrCommandId, DrOutcome.Curtailed);
            _store.Save();
        }

        /// <summary>Ends the event: restores the relay if we hold it open, reports, frees the slot.</summary>
        private void Finish(long now, bool relayHeldOpen)
        {
            if (relayHeldOpen)
            {
                _relay.Set(State.DrRelayClosedBefore);
                State.DrLastSwitchMs = now;
            }

            if (State.DrWasCurtailed)
            {
                Report(State.DrCommandId, State.DrCancelPending ? DrOutcome.Cancelled : DrOutcome.Restored);
            }

            ClearEvent();
            _store.Save();
        }

        /// <summary>After a reboot: re-assert the relay for an event that was curtailing.</summary>
        private void Resume()
        {
            if (State.DrPhase != DrPhase.Curtailing)
            {
                Tick();
                return;
            }

            if (!_clock.IsSynced)
            {
                // Cannot tell whether the window is over: give the power back until the clock is set;
                // Tick curtails again if it is still inside the window then.
                _relay.Set(State.DrRelayClosedBefore);
                State.DrPhase = DrPhase.Scheduled;
                _failSafeRestored = true;
                _failSafeUptimeMs = _clock.UptimeMs;
                _store.Save();
                return;
            }

            if (_clock.UtcNowMs < State.DrEndMs)
            {
                _relay.Set(false);
                return;
            }

            Tick();
        }

        private bool SwitchAllowed(long now)
        {
            if (now < State.DrLastSwitchMs + _options.MinSwitchIntervalMs)
            {
                return false;
            }

            return !_failSafeRestored || _clock.UptimeMs >= _failSafeUptimeMs + _options.MinSwitchIntervalMs;
        }

        private void ClearEvent()
        {
            State.DrPhase = DrPhase.Idle;
            State.DrCommandId = null;
            State.DrEventId = null;
            State.DrStartMs = 0;
            State.DrEndMs = 0;
            State.DrWasCurtailed = false;
            State.DrCancelPending = false;
        }

        private DrOutcome Report(string commandId, DrOutcome outcome)
        {
            State.AddReport(new DrEventReport(commandId, outcome, _clock.UtcNowMs));
            return outcome;
        }
    }
}
