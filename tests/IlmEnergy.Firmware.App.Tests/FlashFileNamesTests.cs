namespace IlmEnergy.Firmware.App.Tests;

public class FlashFileNamesTests
{
    [Theory]
    [InlineData("ilm.conf")]
    [InlineData("calibration.bin")]
    [InlineData("obseg00000012")] // names the device core uses: outbox segments, A/B record slots
    [InlineData("obhead.b")]
    [InlineData("state.a")]
    [InlineData("identity.a")]
    public void Flat_names_map_under_the_drive_root(string name)
    {
        Assert.Null(FlashFileNames.Problem(name));
        Assert.Equal("I:\\" + name, FlashFileNames.ToPath(FlashFileNames.DefaultRoot, name));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("..", "reserved")]
    [InlineData("sub\\file", "separator")]
    [InlineData("../ilm.conf", "separator")]
    [InlineData("C:evil", "separator")]
    [InlineData("a\nb", "control")]
    public void Names_that_would_leave_the_root_or_break_littlefs_are_refused(string name, string reason)
    {
        Assert.Contains(reason, FlashFileNames.Problem(name), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FlashFileNames.ToPath("I:\\", name));
    }

    [Fact]
    public void Overlong_names_are_refused()
    {
        Assert.Null(FlashFileNames.Problem(new string('a', 255)));
        Assert.Contains("longer", FlashFileNames.Problem(new string('a', 256)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I:\\obseg00000001", "obseg00000001")]
    [InlineData("I:/state.b", "state.b")]
    [InlineData("plain", "plain")]
    public void Listing_paths_reduce_to_names(string path, string name)
    {
        Assert.Equal(name, FlashFileNames.NameOf(path));
    }

    [Fact]
    public void Prefix_matching_is_ordinal_and_an_empty_prefix_matches_all()
    {
        Assert.True(FlashFileNames.HasPrefix("obseg00000001", "obseg"));
        Assert.False(FlashFileNames.HasPrefix("OBSEG00000001", "obseg"));
        Assert.False(FlashFileNames.HasPrefix("obhead.a", "obseg"));
        Assert.False(FlashFileNames.HasPrefix("ob", "obseg"));
        Assert.True(FlashFileNames.HasPrefix("state.a", ""));
        Assert.True(FlashFileNames.HasPrefix("state.a", null));
    }
}
