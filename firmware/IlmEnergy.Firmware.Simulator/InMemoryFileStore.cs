using System.Collections.Concurrent;
using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>A plug's flash in RAM. It survives the plug's simulated reboots (the store object is kept).</summary>
public sealed class InMemoryFileStore : IFileStore
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public long TotalBytes => _files.Values.Sum(f => (long)f.Length);

    public bool Exists(string name) => _files.ContainsKey(name);

    public long Length(string name) => _files.TryGetValue(name, out byte[]? data) ? data.Length : 0;

    public byte[]? ReadAll(string name) => _files.TryGetValue(name, out byte[]? data) ? (byte[])data.Clone() : null;

    public byte[]? Read(string name, long position, int count)
    {
        if (!_files.TryGetValue(name, out byte[]? data)) return null;
        int n = (int)Math.Clamp(data.Length - position, 0, count);
        byte[] result = new byte[n];
        if (n > 0) Array.Copy(data, position, result, 0, n);
        return result;
    }

    public void WriteAll(string name, byte[] data) => _files[name] = (byte[])data.Clone();

    public void Append(string name, byte[] data, int offset, int count)
    {
        byte[] old = _files.TryGetValue(name, out byte[]? existing) ? existing : [];
        byte[] grown = new byte[old.Length + count];
        old.CopyTo(grown, 0);
        Array.Copy(data, offset, grown, old.Length, count);
        _files[name] = grown;
    }

    public void Delete(string name) => _files.TryRemove(name, out _);

    public string[] List(string prefix) => [.. _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];
}
