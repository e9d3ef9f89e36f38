namespace IlmEnergy.Firmware.App.Tests;

public class SystemClockTests
{
    [Fact]
    public void Wall_clock_is_unix_milliseconds_of_utc_now_and_counts_as_synced_today()
    {
        var clock = new SystemClock();
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long now = clock.UtcNowMs;
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(now, before, after);
        Assert.True(clock.IsSynced);
    }

    [Fact]
    public void Uptime_never_goes_backwards()
    {
        var clock = new SystemClock();
        long previous = clock.UptimeMs;
        for (int i = 0; i < 1000; i++)
        {
            long next = clock.UptimeMs;
            Assert.True(next >= previous);
            previous = next;
        }
    }
}
