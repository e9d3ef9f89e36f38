using IlmEnergy.Firmware.Device.Tests.Fakes;
using IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Firmware.Device.Tests;

public class DeviceStateTests
{
    private static DeviceState Sample()
    {
        DeviceState s = new()
        {
            BootCount = 42,
            SeqReservedEnd = 1_234_567_890_123,
            EnergyMwh = 987_654_321,
            EnergyRemainderMwMs = 3_599_999,
            CounterResetPending = true,
            DrPhase = DrPhase.Curtailing,
            DrCommandId = "cmd-ü-1",
            DrEventId = "evt-7",
            DrStartMs = 1_800_000_000_000,
            DrEndMs = 1_800_000_600_000,
            DrRelayClosedBefore = true,
            DrWasCurtailed = true,
            DrCancelPending = true,
            DrLastSwitchMs = 1_800_000_000_001,
            DrDay = 20833,
            DrEventsOnDay = 3,
        };
        for (int i = 0; i < 20; i++)
        {
            s.MarkProcessed("id-" + i);
        }

        s.AddReport(new DrEventReport("cmd-ü-1", DrOutcome.Scheduled, 1_799_999_000_000));
        s.AddReport(new DrEventReport("cmd-ü-1", DrOutcome.Curtailed, 1_800_000_000_001));
        return s;
    }

    [Fact]
    public void CodecRoundTripsEveryField()
    {
        DeviceState original = Sample();
        DeviceState? copy = DeviceStateCodec.Decode(DeviceStateCodec.Encode(original), out string? error);

        Assert.Null(error);
        Assert.NotNull(copy);
        Assert.Equal(DeviceStateCodec.Encode(original), DeviceStateCodec.Encode(copy));
        Assert.Equal(42u, copy.BootCount);
        Assert.Equal(1_234_567_890_123, copy.SeqReservedEnd);
        Assert.Equal(3_599_999, copy.EnergyRemainderMwMs);
        Assert.Equal("cmd-ü-1", copy.DrCommandId);
        Assert.Equal(DrPhase.Curtailing, copy.DrPhase);
        Assert.True(copy.HasProcessed("id-19"));
        Assert.True(copy.HasProcessed("id-4"));
        Assert.False(copy.HasProcessed("id-3")); // pushed out of the 16-entry ring
        Assert.Equal(2, copy.PendingReports.Count);
        Assert.Equal(DrOutcome.Curtailed, ((DrEventReport)copy.PendingReports[1]!).Outcome);
    }

    [Fact]
    public void TrailingFieldsFromANewerFirmwareAreIgnored()
    {
        byte[] bytes = DeviceStateCodec.Encode(Sample());
        bytes[0] = 9; // a future layout version
        byte[] longer = [.. bytes, 1, 2, 3, 4, 5];

        DeviceState? decoded = DeviceStateCodec.Decode(longer, out _);
        Assert.NotNull(decoded);
        Assert.Equal(1_234_567_890_123, decoded.SeqReservedEnd);
    }

    [Fact]
    public void EveryTruncationDecodesToNullWithAReasonNeverAnException()
    {
        byte[] bytes = DeviceStateCodec.Encode(Sample());
        for (int length = 0; length < bytes.Length; length++)
        {
            DeviceState? decoded = DeviceStateCodec.Decode(bytes[..length], out string? error);
            Assert.Null(decoded);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void FirstBootStartsFreshWithCounterResetPendingAndLaterBootsCount()
    {
        MemoryFileStore files = new();
        DeviceStateStore first = DeviceStateStore.OpenAtBoot(files);
        Assert.False(first.Restored);
        Assert.True(first.Current.CounterResetPending);
        Assert.Equal(1u, first.Current.BootCount);

        first.Current.CounterResetPending = false;
        first.Current.EnergyMwh = 500;
        first.Save();

        DeviceStateStore second = DeviceStateStore.OpenAtBoot(files);
        Assert.True(second.Restored);
        Assert.False(second.Current.CounterResetPending);
        Assert.Equal(2u, second.Current.BootCount);
        Assert.Equal(500, second.Current.EnergyMwh);
    }

    [Fact]
    public void StateThatPassesItsCrcButDoesNotDecodeIsReportedAndReplaced()
    {
        MemoryFileStore files = new();
        new DurableRecord(files, DeviceStateStore.DefaultName).Save([1, 2, 3]);

        DeviceStateStore store = DeviceStateStore.OpenAtBoot(files);
        Assert.False(store.Restored);
        Assert.NotNull(store.LoadError);
        Assert.True(store.Current.CounterResetPending);
    }
}
