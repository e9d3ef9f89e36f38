using System.Reflection;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}

internal static class Repo
{
    public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;
}

/// <summary>A UART stand-in: bytes queued by the test come out of Read in chunks; writes are recorded.</summary>
internal sealed class FakeSerialLink : ISerialLink
{
    private readonly Queue<byte> _incoming = new();

    public List<byte[]> Written { get; } = new();

    /// <summary>Largest chunk Read hands out, to exercise frames split across reads.</summary>
    public int MaxChunk { get; set; } = 7;

    public void Receive(byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            _incoming.Enqueue(b);
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && n < MaxChunk && _incoming.Count > 0)
        {
            buffer[offset + n++] = _incoming.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => Written.Add(buffer.AsSpan(offset, count).ToArray());
}

/// <summary>Builds BL0942 reply packets the way the chip does (little-endian fields, seeded checksum).</summary>
internal static class Bl0942Packets
{
    public static byte[] Build(int currentRaw, int voltageRaw, int powerRaw, int cfCount, int freqPeriod = 0x4E16, int address = 0)
    {
        var p = new byte[23];
        p[0] = 0x55;
        Put24(p, 1, currentRaw);
        Put24(p, 4, voltageRaw);
        Put24(p, 7, currentRaw);
        Put24(p, 10, powerRaw & 0xFFFFFF);
        Put24(p, 13, cfCount & 0xFFFFFF);
        p[16] = (byte)freqPeriod;
        p[17] = (byte)(freqPeriod >> 8);
        int sum = 0x58 + address;
        for (int i = 0; i < 22; i++)
        {
            sum += p[i];
        }

        p[22] = (byte)(~sum & 0xFF);
        return p;
    }

    private static void Put24(byte[] p, int o, int v)
    {
        p[o] = (byte)v;
        p[o + 1] = (byte)(v >> 8);
        p[o + 2] = (byte)(v >> 16);
    }
}

/// <summary>Builds CSE7766 frames (big-endian fields, additive checksum over bytes 2..22).</summary>
internal static class Cse7766Frames
{
    public static byte[] Build(byte header, int vCoef, int vCycle, int iCoef, int iCycle, int pCoef, int pCycle, byte adj, int cf)
    {
        var f = new byte[24];
        f[0] = header;
        f[1] = 0x5A;
        Put24(f, 2, vCoef);
        Put24(f, 5, vCycle);
        Put24(f, 8, iCoef);
        Put24(f, 11, iCycle);
        Put24(f, 14, pCoef);
        Put24(f, 17, pCycle);
        f[20] = adj;
        f[21] = (byte)(cf >> 8);
        f[22] = (byte)cf;
        int sum = 0;
        for (int i = 2; i < 23; i++)
        {
            sum += f[i];
        }

        f[23] = (byte)sum;
        return f;
    }

    private static void Put24(byte[] f, int o, int v)
    {
        f[o] = (byte)(v >> 16);
        f[o + 1] = (byte)(v >> 8);
        f[o + 2] = (byte)v;
    }
}

internal sealed class FakePulseCounter : IPulseCounter
{
    public long Count { get; set; }

    public long ReadCount() => Count;
}

internal sealed class FakeOutput : IDigitalOutput
{
    public List<bool> Levels { get; } = new();

    public void Write(bool high) => Levels.Add(high);
}
