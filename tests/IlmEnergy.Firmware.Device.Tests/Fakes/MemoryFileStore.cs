namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>
/// In-memory <see cref="IFileStore"/> that can lose power in the middle of a write: after
/// <see cref="FailAfterBytes"/> only that many more bytes reach "flash" (a torn write), the write throws
/// <see cref="PowerLossException"/>, and every later call throws until <see cref="Reboot"/>, as on a
/// dead device. Files keep whatever reached them, so a new set of objects over the same store
/// behaves like the plug after a power cycle.
/// </summary>
public sealed class MemoryFileStore : IFileStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private long _budget = -1;
    private bool _dead;
    private bool _ioErrorNext;

    /// <summary>Completed or torn write operations (WriteAll/Append) so far.</summary>
    public int Writes { get; private set; }

    public bool PowerLost => _dead;

    public IReadOnlyCollection<string> Names => _files.Keys;

    /// <summary>Arms a power loss: the next writes may store <paramref name="bytes"/> bytes in total.</summary>
    public void FailAfterBytes(long bytes) => _budget = bytes;

    /// <summary>The next write fails with an IOException before writing anything; the device stays up.</summary>
    public void FailNextWrite() => _ioErrorNext = true;

    /// <summary>Power is back: no failure armed.</summary>
    public void Reboot()
    {
        _dead = false;
        _budget = -1;
    }

    public MemoryFileStore Clone()
    {
        MemoryFileStore copy = new();
        foreach (KeyValuePair<string, byte[]> file in _files)
        {
            copy._files[file.Key] = (byte[])file.Value.Clone();
        }

        return copy;
    }

    public byte[] Raw(string name) => _files[name];

    public void Put(string name, byte[] data) => _files[name] = (byte[])data.Clone();

    public void FlipBit(string name, int index) => _files[name][index] ^= 0x10;

    public bool Exists(string name)
    {
        Alive();
        return _files.ContainsKey(name);
    }

    public long Length(string name)
    {
        Alive();
        return _files.TryGetValue(name, out byte[]? data) ? data.Length : 0;
    }

    public byte[]? ReadAll(string name)
    {
        Alive();
        return _files.TryGetValue(name, out byte[]? data) ? (byte[])data.Clone() : null;
    }

    public byte[]? Read(string name, long position, int count)
    {
        Alive();
        if (!_files.TryGetValue(name, out byte[]? data))
        {
            return null;
        }

        long available = Math.Max(0, data.Length - position);
        int n = (int)Math.Min(count, available);
        byte[] result = new byte[n];
        if (n > 0)
        {
            Array.Copy(data, position, result, 0, n);
        }

        return result;
    }

    public void WriteAll(string name, byte[] data)
    {
        Alive();
        Writes++;
        int n = Allowed(data.Length);
        _files[name] = data.AsSpan(0, n).ToArray();
        Die(n < data.Length);
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        Alive();
        Writes++;
        int n = Allowed(count);
        byte[] old = _files.TryGetValue(name, out byte[]? existing) ? existing : [];
        byte[] grown = new byte[old.Length + n];
        old.CopyTo(grown, 0);
        Array.Copy(data, offset, grown, old.Length, n);
        _files[name] = grown;
        Die(n < count);
    }

    public void Delete(string name)
    {
        Alive();
        _files.Remove(name);
    }

    public string[] List(string prefix)
    {
        Alive();
        return _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
    }

    private int Allowed(int wanted)
    {
        if (_ioErrorNext)
        {
            _ioErrorNext = false;
            throw new IOException("simulated flash write error");
        }

        if (_budget < 0)
        {
            return wanted;
        }

        int n = (int)Math.Min(wanted, _budget);
        _budget -= n;
        return n;
    }

    private void Die(bool torn)
    {
        if (torn)
        {
            _dead = true;
            throw new PowerLossException();
        }
    }

    private void Alive()
    {
        if (_dead)
        {
            throw new PowerLossException();
        }
    }
}
