using IlmEnergy.Storage;

namespace IlmEnergy.Storage.Tests;

/// <summary>
/// What every <see cref="IReadingStore"/> must do; each implementation runs this suite through a subclass.
/// </summary>
public abstract class ReadingStoreContract : IAsyncLifetime
{
    private IReadingStore? store;

    protected IReadingStore Store => store ?? throw new InvalidOperationException("Store not created.");

    protected abstract Task<IReadingStore> CreateStoreAsync();

    public async Task InitializeAsync() => store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (store is not null) await store.DisposeAsync();
        await CleanUpAsync();
    }

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    [Fact]
    public async Task Written_points_read_back_equal()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 120);
        await Store.WriteAsync(points);
        var read = await Store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 3_600_000);
        Assert.Equal(points, read);
    }

    [Fact]
    public async Task Extreme_values_survive()
    {
        var device = TestReadings.NewDeviceId();
        ReadingPoint[] points =
        [
            new(device, "b", TestReadings.Start, long.MaxValue, int.MinValue, uint.MaxValue, uint.MaxValue, false, long.MaxValue, 0x7F),
            new(device, "b", TestReadings.Start + 1, 0, 0, 0, 0, true, 0, 0),
        ];
        await Store.WriteAsync(points);
        Assert.Equal(points, await Store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 2));
    }

    [Fact]
    public async Task Rewriting_the_same_points_is_idempotent()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 60);
        await Store.WriteAsync(points);
        await Store.WriteAsync(points);
        await Store.WriteAsync(points.Skip(10).Take(20).ToList());
        var read = await Store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 3_600_000);
        Assert.Equal(60, read.Count);
        Assert.Equal(points, read);
    }

    [Fact]
    public async Task Same_device_and_timestamp_overwrites_with_the_newer_values()
    {
        var device = TestReadings.NewDeviceId();
        var original = TestReadings.Series(device, 3);
        await Store.WriteAsync(original);
        var changed = original[1] with { PowerMilliWatts = 1, EnergyMilliWattHours = 2, RelayClosed = !original[1].RelayClosed, Seq = 99, Flags = 2 };
        await Store.WriteAsync([changed]);
        var read = await Store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 60_000);
        Assert.Equal([original[0], changed, original[2]], read);
    }

    [Fact]
    public async Task Points_come_back_oldest_first_whatever_the_write_order()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 30);
        var shuffled = points.OrderBy(p => (p.TimestampMs * 7919) % 31).ToList();
        await Store.WriteAsync(shuffled.Take(15).ToList());
        await Store.WriteAsync(shuffled.Skip(15).ToList());
        Assert.Equal(points, await Store.ReadAsync(device, TestReadings.Start, TestReadings.Start + 3_600_000));
    }

    [Fact]
    public async Task The_time_range_includes_from_and_excludes_to()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 10);   // every 10 s
        await Store.WriteAsync(points);
        var read = await Store.ReadAsync(device, points[2].TimestampMs, points[5].TimestampMs);
        Assert.Equal(points[2..5], read);
        Assert.Equal([points[9]], await Store.ReadAsync(device, points[9].TimestampMs, points[9].TimestampMs + 1));
        Assert.Empty(await Store.ReadAsync(device, points[9].TimestampMs + 1, points[9].TimestampMs + 10_000));
    }

    [Fact]
    public async Task Only_the_requested_device_is_returned()
    {
        var a = TestReadings.NewDeviceId();
        var b = TestReadings.NewDeviceId();
        await Store.WriteAsync([.. TestReadings.Series(a, 5), .. TestReadings.Series(b, 5)]);
        var read = await Store.ReadAsync(a, TestReadings.Start, TestReadings.Start + 3_600_000);
        Assert.Equal(5, read.Count);
        Assert.All(read, p => Assert.Equal(a, p.DeviceId));
    }

    [Fact]
    public async Task Unknown_devices_and_empty_ranges_give_empty_results()
    {
        var device = TestReadings.NewDeviceId();
        await Store.WriteAsync(TestReadings.Series(device, 5));
        Assert.Empty(await Store.ReadAsync(TestReadings.NewDeviceId(), 0, long.MaxValue / 2_000_000));
        Assert.Empty(await Store.ReadAsync(device, TestReadings.Start + 1000, TestReadings.Start + 1000));
        Assert.Empty(await Store.ReadAsync(device, TestReadings.Start + 1000, TestReadings.Start));
        await Store.WriteAsync([]);   // a no-op, not an error
    }

    [Fact]
    public async Task Health_reports_the_backend()
    {
        await Store.WriteAsync(TestReadings.Series(TestReadings.NewDeviceId(), 2));
        var health = Store.GetHealth();
        Assert.True(health.Reachable);
        Assert.Equal(0, health.SpoolBytes);
        Assert.Null(health.LastError);
    }

    [Fact]
    public async Task Interval_energy_sums_the_counter_per_interval()
    {
        var device = TestReadings.NewDeviceId();
        var points = TestReadings.Series(device, 720);   // 2 h of 10 s samples, +167 mWh each
        await Store.WriteAsync(points);
        var hours = await Store.ReadIntervalEnergyAsync(device, TestReadings.Start, TestReadings.Start + 7_200_000, 3_600_000);
        Assert.Equal([359 * 167L, 360 * 167L], hours.Select(h => h.EnergyMilliWattHours));
        Assert.Equal([360, 360], hours.Select(h => h.Samples));
    }
}
