namespace IlmEnergy.Firmware.App.Tests;

public class UnixTimeTests
{
    [Fact]
    public void Epoch_and_millisecond_constants_agree_with_the_bcl()
    {
        Assert.Equal(UnixTime.EpochTicks, DateTime.UnixEpoch.Ticks);
        Assert.Equal(UnixTime.TicksPerMillisecond, TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void Utc_ticks_convert_to_unix_milliseconds()
    {
        var t = new DateTime(2026, 11, 24, 8, 30, 15, 250, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(t).ToUnixTimeMilliseconds(), UnixTime.ToUnixMs(t.Ticks));
        Assert.Equal(0, UnixTime.ToUnixMs(DateTime.UnixEpoch.Ticks));
    }

    [Theory]
    [InlineData(1970, false)]
    [InlineData(2023, false)]
    [InlineData(2024, true)]
    [InlineData(2031, true)]
    public void Only_a_present_day_year_counts_as_synced(int year, bool synced)
    {
        Assert.Equal(synced, UnixTime.IsSyncedYear(year));
    }
}
