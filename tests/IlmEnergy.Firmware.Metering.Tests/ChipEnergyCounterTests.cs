using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.Metering.Tests;

public class ChipEnergyCounterTests
{
    [Fact]
    public void New_calibration_keeps_the_energy_counted_so_far()
    {
        var counter = new ChipEnergyCounter(new Ratio(200, 1), rawPerCount: 1, maxPowerMilliWatts: 5_500_000);
        counter.AddRaw(0, 0);
        Assert.True(counter.AddRaw(10, 20_000)); // 10 counts × 200 mWh
        Assert.Equal(2_000, counter.MilliWattHours);

        counter.SetRatio(new Ratio(100, 1)); // halving the constant must not halve the past
        Assert.Equal(2_000, counter.MilliWattHours);
        Assert.True(counter.AddRaw(10, 40_000));
        Assert.Equal(3_000, counter.MilliWattHours);
    }

    [Fact]
    public void Interpolation_is_capped_at_one_count_and_replaced_by_the_count()
    {
        var counter = new ChipEnergyCounter(new Ratio(200, 1), rawPerCount: 1, maxPowerMilliWatts: 5_500_000);
        counter.AddRaw(0, 0);
        counter.AddPower(100_000, 0);
        counter.AddPower(100_000, 3_600_000); // 100 W for an hour would be 100 Wh, but no count arrived
        Assert.Equal(200, counter.MilliWattHours);  // at most one count's worth is ever assumed

        counter.AddRaw(1, 3_600_000);
        Assert.Equal(200, counter.MilliWattHours);  // the real count takes the interpolated value's place
        counter.AddPower(36_000, 3_610_000);        // 36 W for 10 s = 100 mWh
        Assert.Equal(300, counter.MilliWattHours);
    }

    [Fact]
    public void Negative_power_is_integrated_as_magnitude()
    {
        var counter = new ChipEnergyCounter(new Ratio(1000, 1), rawPerCount: 1, maxPowerMilliWatts: 5_500_000);
        counter.AddPower(-36_000, 0);
        counter.AddPower(-36_000, 10_000);
        Assert.Equal(100, counter.MilliWattHours);
    }
}
