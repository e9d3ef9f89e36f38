using IlmEnergy.Firmware.Device.Tests.Fakes;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device.Tests;

public class DrSchedulerTests
{
    private const long T0 = 1_800_000_000_000; // the test's "now" at the start
    private const long Start = T0 + 60_000;
    private const long End = Start + 15 * 60_000;

    private sealed class Plug
    {
        public Plug(bool relayClosed = true)
        {
            Clock = new FakeClock(T0);
            Relay = new FakeRelay(Clock, relayClosed);
            Boot();
        }

        public MemoryFileStore Files { get; } = new();

        public FakeClock Clock { get; }

        public FakeRelay Relay { get; private set; }

        public DrScheduler Scheduler { get; private set; } = null!;

        /// <summary>A power cycle: new objects over the same flash; the relay keeps its physical state.</summary>
        public void Boot(bool clockSynced = true)
        {
            Files.Reboot();
            Clock.IsSynced = clockSynced;
            Scheduler = new DrScheduler(DeviceStateStore.OpenAtBoot(Files), Relay, Clock, new DrOptions());
        }

        /// <summary>Ticks once a second until <paramref name="untilMs"/>, asserting the relay is never open outside a window.</summary>
        public void RunUntil(long untilMs, long windowStart = Start, long windowEnd = End)
        {
            while (Clock.UtcNowMs < untilMs)
            {
                Clock.Advance(1000);
                Scheduler.Tick();
                if (Clock.UtcNowMs < windowStart || Clock.UtcNowMs >= windowEnd)
                {
                    Assert.False(Scheduler.IsCurtailing, $"curtailing outside the window at {Clock.UtcNowMs - T0} ms");
                }
            }
        }

        public List<(string Id, DrOutcome Outcome, long At)> Reports() =>
            [.. Scheduler.PeekReports(100).Select(r => (r.CommandId, r.Outcome, r.AtMs))];
    }

    private static DrCommand Curtail(string id = "c1", long start = Start, long end = End, string evt = "e1") =>
        new(id, evt, DrAction.Curtail, start, end);

    private static DrCommand Cancel(string id = "x1", string evt = "e1") => new(id, evt, DrAction.Cancel, 0, 0);

    [Fact]
    public void ACurtailOpensAtTheStartAndRestoresAtTheEndExactly()
    {
        Plug plug = new();
        Assert.Equal(DrOutcome.Scheduled, plug.Scheduler.Accept(Curtail(), optedIn: true));
        plug.RunUntil(End + 30_000);

        Assert.Equal([(Start, false), (End, true)], plug.Relay.Switches);
        Assert.True(plug.Relay.IsClosed);
        Assert.Equal(
            [("c1", DrOutcome.Scheduled, T0), ("c1", DrOutcome.Curtailed, Start), ("c1", DrOutcome.Restored, End)],
            plug.Reports());
        Assert.Equal(DrPhase.Idle, plug.Scheduler.Phase);
    }

    [Fact]
    public void ALoadThatWasOffBeforeTheEventStaysOffAfterIt()
    {
        Plug plug = new(relayClosed: false);
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(End + 5000);
        Assert.Empty(plug.Relay.Switches);
        Assert.False(plug.Relay.IsClosed);
        Assert.Equal(DrOutcome.Restored, plug.Reports()[^1].Outcome);
    }

    [Fact]
    public void NotOptedInIsDeclinedAndTheRelayIsNeverTouched()
    {
        Plug plug = new();
        Assert.Equal(DrOutcome.DeclinedNotOptedIn, plug.Scheduler.Accept(Curtail(), optedIn: false));
        plug.RunUntil(End + 5000);
        Assert.Empty(plug.Relay.Switches);
        Assert.Equal([("c1", DrOutcome.DeclinedNotOptedIn, T0)], plug.Reports());
    }

    [Fact]
    public void CancelDuringTheEventRestoresAtOnceAndReportsCancelled()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(Start + 120_000);
        Assert.Equal(DrOutcome.Cancelled, plug.Scheduler.Accept(Cancel(), true));
        plug.RunUntil(End + 5000, Start, Start + 120_001);

        Assert.Equal([(Start, false), (Start + 120_000, true)], plug.Relay.Switches);
        Assert.Equal(("c1", DrOutcome.Cancelled, Start + 120_000), plug.Reports()[^1]);
    }

    [Fact]
    public void CancelRightAfterTheStartWaitsForTheCompressorGuard()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(Start + 3000);
        plug.Scheduler.Accept(Cancel(), true);
        Assert.True(plug.Scheduler.IsCurtailing);
        plug.RunUntil(End + 5000, Start, Start + 10_001);

        Assert.Equal([(Start, false), (Start + 10_000, true)], plug.Relay.Switches);
        Assert.Equal(DrOutcome.Cancelled, plug.Reports()[^1].Outcome);
    }

    [Fact]
    public void CancelBeforeTheStartMeansTheRelayNeverMoves()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.Scheduler.Accept(Cancel(), true);
        plug.RunUntil(End + 5000);
        Assert.Empty(plug.Relay.Switches);
        Assert.Equal([DrOutcome.Scheduled, DrOutcome.Cancelled], plug.Reports().Select(r => r.Outcome));
    }

    [Fact]
    public void CancelForAnUnknownEventIsRejectedUnderItsOwnId()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        Assert.Equal(DrOutcome.RejectedInvalid, plug.Scheduler.Accept(Cancel("x9", "other-event"), true));
        plug.RunUntil(End + 1000);
        Assert.Contains(("x9", DrOutcome.RejectedInvalid, T0), plug.Reports());
        Assert.Equal(2, plug.Relay.Switches.Count); // the event ran normally
    }

    [Fact]
    public void OwnerButtonDuringTheEventRestoresPowerForGood()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        Assert.False(plug.Scheduler.OwnerButtonPressed()); // before the start it is an ordinary press
        plug.RunUntil(Start + 300_000);
        Assert.True(plug.Scheduler.OwnerButtonPressed());
        plug.RunUntil(End + 5000, Start, Start + 300_001);

        Assert.Equal([(Start, false), (Start + 300_000, true)], plug.Relay.Switches);
        Assert.Equal(("c1", DrOutcome.OwnerOverride, Start + 300_000), plug.Reports()[^1]);
    }

    [Fact]
    public void RebootInsideTheWindowStaysCurtailedAndRestoresAtTheEnd()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(Start + 200_000);

        plug.Relay.Set(true); // many plugs' relays fall back to a default at boot
        plug.Clock.Advance(7000);
        plug.Boot();
        Assert.True(plug.Scheduler.IsCurtailing);
        Assert.False(plug.Relay.IsClosed);
        plug.RunUntil(End + 5000);

        Assert.True(plug.Relay.IsClosed);
        Assert.Equal((End, true), plug.Relay.Switches[^1]);
        Assert.Equal(("c1", DrOutcome.Restored, End), plug.Reports()[^1]);
    }

    [Fact]
    public void RebootAfterTheEndRestoresImmediately()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(Start + 200_000);

        plug.Clock.Advance(End - plug.Clock.UtcNowMs + 3_600_000); // off for over an hour
        plug.Boot();
        Assert.True(plug.Relay.IsClosed);
        Assert.Equal(DrPhase.Idle, plug.Scheduler.Phase);
        Assert.Equal(("c1", DrOutcome.Restored, End + 3_600_000), plug.Reports()[^1]);
    }

    [Fact]
    public void RebootWithoutClockSyncGivesPowerBackUntilTheClockIsKnown()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(Start + 200_000);

        plug.Boot(clockSynced: false);
        Assert.True(plug.Relay.IsClosed); // fail-safe: we cannot tell whether the window is over
        plug.Clock.Advance(30_000);
        plug.Scheduler.Tick();
        Assert.True(plug.Relay.IsClosed);

        plug.Clock.IsSynced = true;
        plug.RunUntil(End + 5000);
        Assert.False(plug.Scheduler.IsCurtailing);
        Assert.True(plug.Relay.IsClosed);
        Assert.Equal((End, true), plug.Relay.Switches[^1]); // curtailed again once synced, restored at the end
        Assert.Equal(DrOutcome.Restored, plug.Reports()[^1].Outcome);
    }

    [Fact]
    public void DuplicateCommandIdIsIgnored()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.RunUntil(Start + 60_000);
        int reports = plug.Scheduler.PendingReportCount;

        Assert.Equal(DrOutcome.None, plug.Scheduler.Accept(Curtail(), true));
        Assert.Equal(DrOutcome.None, plug.Scheduler.Accept(Curtail(), false));
        plug.Boot(); // the replay ring is on flash
        Assert.Equal(DrOutcome.None, plug.Scheduler.Accept(Curtail(), true));
        Assert.Equal(reports, plug.Scheduler.PendingReportCount);
        Assert.True(plug.Scheduler.IsCurtailing);
    }

    [Fact]
    public void SwitchRateLimitDelaysABackToBackEventAndSkipsATooShortOne()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail("c1", Start, Start + 60_000, "e1"), true);
        plug.RunUntil(Start + 62_000, Start, Start + 60_000);
        plug.Scheduler.Accept(Curtail("c2", Start + 63_000, Start + 180_000, "e2"), true);
        plug.RunUntil(Start + 200_000, Start + 63_000, Start + 180_000);

        // e1 restored at +60 s; e2 starts at +63 s but the relay may only switch again at +70 s.
        Assert.Equal(
            [(Start, false), (Start + 60_000, true), (Start + 70_000, false), (Start + 180_000, true)],
            plug.Relay.Switches);

        // A window shorter than the guard never opens the relay (it could not be closed on time).
        plug.Scheduler.Accept(Curtail("c3", Start + 300_000, Start + 305_000, "e3"), true);
        int switches = plug.Relay.Switches.Count;
        plug.RunUntil(Start + 400_000, Start + 300_000, Start + 305_000);
        Assert.Equal(switches, plug.Relay.Switches.Count);
    }

    [Fact]
    public void AtMostFourEventsPerDayAndOneAtATime()
    {
        Plug plug = new();
        Assert.Equal(DrOutcome.Scheduled, plug.Scheduler.Accept(Curtail("a", Start, Start + 60_000, "e1"), true));
        Assert.Equal(DrOutcome.RejectedInvalid, plug.Scheduler.Accept(Curtail("b", Start + 90_000, Start + 120_000, "e2"), true));

        for (int i = 0; i < 4; i++)
        {
            plug.RunUntil(plug.Clock.UtcNowMs + 3_600_000, long.MinValue, long.MaxValue); // no window check here
            long s = plug.Clock.UtcNowMs + 60_000;
            DrOutcome expected = i < 3 ? DrOutcome.Scheduled : DrOutcome.RejectedInvalid;
            Assert.Equal(expected, plug.Scheduler.Accept(Curtail("n" + i, s, s + 60_000, "f" + i), true));
        }
    }

    [Fact]
    public void InvalidWindowsAreRejectedAndTheRelayStaysPut()
    {
        Plug plug = new();
        Assert.Equal(DrOutcome.RejectedInvalid, plug.Scheduler.Accept(Curtail("a", Start, Start), true));
        Assert.Equal(DrOutcome.RejectedInvalid, plug.Scheduler.Accept(Curtail("b", Start, Start + 4 * 3_600_000 + 1), true));
        Assert.Equal(DrOutcome.RejectedInvalid, plug.Scheduler.Accept(Curtail("c", T0 - 20_000, T0 - 1), true));
        Assert.Throws<ArgumentException>(() => plug.Scheduler.Accept(new DrCommand("", "e", DrAction.Curtail, Start, End), true));
        plug.RunUntil(End + 1000);
        Assert.Empty(plug.Relay.Switches);
    }

    [Fact]
    public void ReportsSurviveARebootAndLeaveOnlyOnceQueuedInABatch()
    {
        Plug plug = new();
        plug.Scheduler.Accept(Curtail(), true);
        plug.Scheduler.ReportRejected("forged", DrOutcome.RejectedSignature);
        plug.RunUntil(Start + 5000);
        plug.Boot();
        Assert.Equal(3, plug.Scheduler.PendingReportCount);

        DrEventReport[] first = plug.Scheduler.PeekReports(2);
        Assert.Equal(DrOutcome.Scheduled, first[0].Outcome);
        Assert.Equal(DrOutcome.RejectedSignature, first[1].Outcome);
        plug.Scheduler.ReportsQueued(first.Length);
        plug.Boot();
        Assert.Equal(DrOutcome.Curtailed, plug.Scheduler.PeekReports(16).Single().Outcome);
    }
}
