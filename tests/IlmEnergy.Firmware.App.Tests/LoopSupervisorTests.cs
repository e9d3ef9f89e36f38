namespace IlmEnergy.Firmware.App.Tests;

public class LoopSupervisorTests
{
    private static LoopOptions Options() => new() { TickIntervalMs = 1000, StallRebootMs = 180000, MaxConsecutiveFailures = 3 };

    [Fact]
    public void Ticks_keep_a_one_second_cadence_whatever_each_tick_costs()
    {
        var loop = new LoopSupervisor(Options(), 5000);
        Assert.Equal(0, loop.DelayUntilNextTick(5000));   // first Tick at once
        Assert.Equal(700, loop.DelayUntilNextTick(5300)); // Tick took 300 ms → sleep to 6000
        Assert.Equal(100, loop.DelayUntilNextTick(6900)); // Tick at 6000 took 900 ms → sleep to 7000
    }

    [Fact]
    public void After_an_overrun_the_next_tick_starts_at_once_without_a_burst_of_missed_ticks()
    {
        var loop = new LoopSupervisor(Options(), 0);
        Assert.Equal(0, loop.DelayUntilNextTick(0));
        Assert.Equal(0, loop.DelayUntilNextTick(4500));   // a 4.5 s signature: run now
        Assert.Equal(1000, loop.DelayUntilNextTick(4500)); // then back to 1 s steps from there
        Assert.Equal(1000, loop.DelayUntilNextTick(5500));
    }

    [Fact]
    public void A_schedule_ahead_of_the_clock_is_reanchored_instead_of_sleeping_long()
    {
        var loop = new LoopSupervisor(Options(), 100000);
        Assert.Equal(1000, loop.DelayUntilNextTick(0));
    }

    [Fact]
    public void Only_consecutive_failures_up_to_the_limit_ask_for_a_reboot()
    {
        var loop = new LoopSupervisor(Options(), 0);
        Assert.False(loop.TickFailed(1000));
        Assert.False(loop.TickFailed(2000));
        loop.TickSucceeded(3000);
        Assert.Equal(0, loop.ConsecutiveFailures);
        Assert.False(loop.TickFailed(4000));
        Assert.False(loop.TickFailed(5000));
        Assert.True(loop.TickFailed(6000));
        Assert.Equal(3, loop.ConsecutiveFailures);
    }

    [Fact]
    public void The_loop_is_stalled_only_when_no_tick_finished_for_the_stall_time()
    {
        var loop = new LoopSupervisor(Options(), 0);
        Assert.False(loop.IsStalled(179999));
        Assert.True(loop.IsStalled(180000));
        loop.TickSucceeded(170000);
        Assert.False(loop.IsStalled(349999));
        loop.TickFailed(340000); // a failing Tick is still progress: the failure counter handles it
        Assert.False(loop.IsStalled(500000));
        Assert.True(loop.IsStalled(520000));
    }

    [Fact]
    public void Default_options_leave_room_for_a_slow_signature()
    {
        var options = new LoopOptions();
        Assert.Equal(1000, options.TickIntervalMs);
        Assert.True(options.TickTimeLimitMs >= 30000);
        Assert.True(options.StallRebootMs > options.TickTimeLimitMs);
        Assert.True(options.WatchdogPeriodMs < options.StallRebootMs);
    }
}
