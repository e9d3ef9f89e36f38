namespace IlmEnergy.Firmware.App.Tests;

/// <summary>
/// LittleFsFileStore against the IFileStore contract, on a temporary folder: the System.IO calls it
/// makes exist on the host too, so its offset, append and listing logic is checked here.
/// </summary>
public sealed class LittleFsFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ilm-flash-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;
    private readonly LittleFsFileStore _store;

    public LittleFsFileStoreTests()
    {
        Directory.CreateDirectory(_root);
        _store = new LittleFsFileStore(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_missing_file_reads_as_null_with_length_zero()
    {
        Assert.False(_store.Exists("state.a"));
        Assert.Equal(0, _store.Length("state.a"));
        Assert.Null(_store.ReadAll("state.a"));
        Assert.Null(_store.Read("state.a", 0, 10));
        _store.Delete("state.a"); // no error
    }

    [Fact]
    public void WriteAll_replaces_the_whole_file()
    {
        _store.WriteAll("state.a", [1, 2, 3, 4, 5]);
        _store.WriteAll("state.a", [9, 8]);
        Assert.True(_store.Exists("state.a"));
        Assert.Equal(2, _store.Length("state.a"));
        Assert.Equal(new byte[] { 9, 8 }, _store.ReadAll("state.a"));

        _store.WriteAll("empty", []);
        Assert.Equal(Array.Empty<byte>(), _store.ReadAll("empty"));
    }

    [Fact]
    public void Append_creates_then_extends_with_the_given_slice()
    {
        byte[] data = [10, 11, 12, 13, 14, 15];
        _store.Append("obseg00000001", data, 1, 3);
        _store.Append("obseg00000001", data, 4, 2);
        _store.Append("obseg00000001", data, 0, 0);
        Assert.Equal(new byte[] { 11, 12, 13, 14, 15 }, _store.ReadAll("obseg00000001"));
    }

    [Fact]
    public void Read_returns_what_exists_from_the_position_and_empty_past_the_end()
    {
        _store.WriteAll("f", [0, 1, 2, 3, 4, 5, 6, 7]);
        Assert.Equal(new byte[] { 2, 3, 4 }, _store.Read("f", 2, 3));
        Assert.Equal(new byte[] { 6, 7 }, _store.Read("f", 6, 10));
        Assert.Empty(_store.Read("f", 8, 4));
        Assert.Empty(_store.Read("f", 100, 4));
        Assert.Empty(_store.Read("f", 0, 0));
    }

    [Fact]
    public void List_returns_bare_names_with_the_prefix()
    {
        _store.WriteAll("obseg00000001", [1]);
        _store.WriteAll("obseg00000002", [2]);
        _store.WriteAll("obhead.a", [3]);
        _store.WriteAll("state.a", [4]);

        Assert.Equal(["obseg00000001", "obseg00000002"], _store.List("obseg").Order(StringComparer.Ordinal));
        Assert.Equal(4, _store.List("").Length);
        Assert.Empty(_store.List("identity"));

        _store.Delete("obseg00000001");
        Assert.Equal(["obseg00000002"], _store.List("obseg"));
    }

    [Fact]
    public void Names_that_leave_the_root_are_refused_before_touching_a_file()
    {
        Assert.Throws<ArgumentException>(() => _store.ReadAll("../etc"));
        Assert.Throws<ArgumentException>(() => _store.WriteAll("a/b", [1]));
        Assert.Throws<ArgumentException>(() => _store.Delete(""));
    }
}
