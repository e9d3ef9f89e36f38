using IlmEnergy.Storage;

namespace IlmEnergy.Storage.Tests;

/// <summary>Realistic reading points for the tests: 10-second samples of one plug.</summary>
internal static class TestReadings
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const long Start = 1_767_225_600_000;

    /// <summary>A device id unique to the calling test (base58 alphabet, like real ids).</summary>
    public static string NewDeviceId()
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        var bytes = Guid.NewGuid().ToByteArray();
        return new string(bytes.Select(b => alphabet[b % alphabet.Length]).ToArray());
    }

    public static ReadingPoint Sample(string device, int index, long startMs = Start, string board = "esp32c3-bl0937", long seq = 1) =>
        new(device, board, startMs + index * 10_000L,
            EnergyMilliWattHours: 5_000_000 + index * 167L,
            PowerMilliWatts: 60_000 + index % 7 * 1000 - 3000,
            VoltageMilliVolts: 230_000 + index % 11,
            CurrentMilliAmps: 260 + index % 5,
            RelayClosed: index % 3 != 0,
            Seq: seq + index / 6,
            Flags: index % 2 == 0 ? 0 : 0x20);

    public static List<ReadingPoint> Series(string device, int count, long startMs = Start, int firstIndex = 0) =>
        Enumerable.Range(firstIndex, count).Select(i => Sample(device, i, startMs)).ToList();
}
