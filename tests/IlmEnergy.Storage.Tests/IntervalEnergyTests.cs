using IlmEnergy.Storage;

namespace IlmEnergy.Storage.Tests;

public class IntervalEnergyTests
{
    private static ReadingPoint At(long t, long e) => new("d", "b", t, e, 0, 0, 0, true, 1, 0);

    [Fact]
    public void Increases_are_credited_to_the_interval_of_the_later_sample()
    {
        // Baseline at 950 before the range; intervals [1000,2000) [2000,3000) [3000,3500).
        var points = new[] { At(950, 100), At(1000, 110), At(1990, 150), At(2000, 151), At(2500, 160), At(3400, 200), At(3500, 999) };
        var result = IntervalEnergyCalculator.Compute(points, 1000, 3500, 1000);
        Assert.Equal(
            [new IntervalEnergy(1000, 2000, 50, 2), new IntervalEnergy(2000, 3000, 10, 2), new IntervalEnergy(3000, 3500, 40, 1)],
            result);
    }

    [Fact]
    public void A_counter_reset_counts_the_new_value_and_gaps_show_zero_samples()
    {
        var points = new[] { At(0, 5000), At(100, 5100), At(200, 30), At(300, 50) };
        var result = IntervalEnergyCalculator.Compute(points, 0, 600, 200);
        Assert.Equal([new IntervalEnergy(0, 200, 100, 2), new IntervalEnergy(200, 400, 30 + 20, 2), new IntervalEnergy(400, 600, 0, 0)], result);
    }

    [Fact]
    public void Without_a_baseline_the_first_sample_only_sets_it()
    {
        var result = IntervalEnergyCalculator.Compute([At(10, 7), At(20, 9)], 0, 100, 100);
        Assert.Equal([new IntervalEnergy(0, 100, 2, 2)], result);
        Assert.Empty(IntervalEnergyCalculator.Compute([At(10, 7)], 100, 100, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntervalEnergyCalculator.Compute([], 0, 10, 0));
    }
}
