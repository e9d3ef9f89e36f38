using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Ingestion.Validation;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;

namespace IlmEnergy.Ingestion.Tests;

/// <summary>Each acceptance rule of docs/protocol.md §5 (steps 2, 3, 5–9), at and just past its limit.</summary>
public sealed class BatchValidatorTests
{
    private const string Signer = "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS";
    private const long Now = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private static readonly BoardDefinition Board = new("test-board", "Test plug", "BL0942", 230, 10, 2300);
    private readonly BatchValidator validator = new(new ValidationOptions());

    [Fact]
    public void A_plausible_batch_from_an_active_device_is_accepted()
    {
        Assert.Null(validator.Validate(Signer, Batch(), Context()));
    }

    [Fact]
    public void Unknown_pending_and_suspended_devices_are_refused()
    {
        Assert.Equal(RejectReason.UnknownDevice, validator.Validate(Signer, Batch(), Context() with { Device = null })?.Reason);
        Assert.Equal(RejectReason.UnknownDevice, validator.Validate(Signer, Batch(), Context() with { Device = Device(DeviceStatus.Pending) })?.Reason);
        Assert.Equal(RejectReason.DeviceSuspended, validator.Validate(Signer, Batch(), Context() with { Device = Device(DeviceStatus.Suspended) })?.Reason);
        Assert.Equal(RejectReason.UnknownDevice, validator.Validate(Signer, Batch(), Context() with { Board = null })?.Reason);
    }

    [Fact]
    public void A_batch_published_under_another_devices_topic_is_refused()
    {
        var rejection = validator.Validate(Signer, Batch(), Context() with { TopicDeviceId = "11111111111111111111111111111111" });
        Assert.Equal(RejectReason.TopicKeyMismatch, rejection?.Reason);
    }

    [Fact]
    public void Samples_more_than_two_minutes_ahead_are_in_the_future()
    {
        Assert.Null(validator.Validate(Signer, Batch(endMs: Now + 120_000), Context()));
        Assert.Equal(RejectReason.TimestampInFuture, validator.Validate(Signer, Batch(endMs: Now + 120_001), Context())?.Reason);
    }

    [Fact]
    public void Samples_older_than_the_backlog_window_are_too_old_but_days_old_backlog_is_fine()
    {
        Assert.Null(validator.Validate(Signer, Batch(endMs: Now - TimeSpan.FromDays(13).Ticks / 10_000), Context()));
        Assert.Equal(RejectReason.TimestampTooOld, validator.Validate(Signer, Batch(endMs: Now - TimeSpan.FromDays(15).Ticks / 10_000), Context())?.Reason);
    }

    [Fact]
    public void An_unsynced_clock_is_not_held_against_the_batch()
    {
        var batch = Batch(endMs: 60_000) with { Flags = ReadingFlags.ClockNotSynced };
        Assert.Null(validator.Validate(Signer, batch, Context()));
    }

    [Fact]
    public void Energy_below_the_previous_batch_needs_a_counter_reset_flag()
    {
        var previous = new BatchSummary(6, Now - 120_000, Now - 60_000, 1_000_000, 2_000_000, 0);
        var batch = Batch(startEnergy: 1_999_999);
        Assert.Equal(RejectReason.EnergyDecreased, validator.Validate(Signer, batch, Context() with { Previous = previous })?.Reason);
        Assert.Null(validator.Validate(Signer, batch with { Flags = ReadingFlags.CounterReset }, Context() with { Previous = previous }));
        Assert.Null(validator.Validate(Signer, Batch(startEnergy: 2_000_000), Context() with { Previous = previous }));
    }

    [Fact]
    public void Energy_above_a_later_stored_batch_is_refused_unless_that_batch_reset()
    {
        var batch = Batch(startEnergy: 5_000_000);
        var next = new BatchSummary(8, Now + 60_000, Now + 120_000, 5_000_000, 5_100_000, 0);
        Assert.Equal(RejectReason.EnergyDecreased, validator.Validate(Signer, batch, Context() with { Next = next })?.Reason);
        Assert.Null(validator.Validate(Signer, batch, Context() with { Next = next with { Flags = (int)ReadingFlags.CounterReset } }));
    }

    [Fact]
    public void Power_and_current_above_the_rating_plus_35_percent_are_refused()
    {
        // 2300 W × 1.35 = 3105 W; 10 A × 1.35 = 13.5 A.
        Assert.Null(validator.Validate(Signer, Batch(powerMw: 3_105_000, voltageMv: 240_000, currentMa: 13_500), Context()));
        Assert.Equal(RejectReason.PowerAboveRating, validator.Validate(Signer, Batch(powerMw: 3_105_001, voltageMv: 240_000, currentMa: 13_500), Context())?.Reason);
        Assert.Equal(RejectReason.PowerAboveRating, validator.Validate(Signer, Batch(powerMw: 100_000, voltageMv: 230_000, currentMa: 13_501), Context())?.Reason);
    }

    [Fact]
    public void Active_power_above_volts_times_amps_is_inconsistent()
    {
        // 230 V × 1 A = 230 W; 5 % + 2 W headroom = 243.5 W.
        Assert.Null(validator.Validate(Signer, Batch(powerMw: 243_500, voltageMv: 230_000, currentMa: 1_000), Context()));
        Assert.Equal(RejectReason.ElectricallyInconsistent,
            validator.Validate(Signer, Batch(powerMw: 243_501, voltageMv: 230_000, currentMa: 1_000), Context())?.Reason);
        // Idle: no current, a little noise power is tolerated.
        Assert.Null(validator.Validate(Signer, Batch(powerMw: 1_500, voltageMv: 230_000, currentMa: 0), Context()));
    }

    [Fact]
    public void Energy_increments_must_match_power_over_time()
    {
        // 100 W for 10 s = 277 mWh (integer); 10 % + 2 mWh tolerance.
        Assert.Null(validator.Validate(Signer, Batch(powerMw: 100_000, energyStep: 277), Context()));
        Assert.Null(validator.Validate(Signer, Batch(powerMw: 100_000, energyStep: 306), Context()));
        Assert.Equal(RejectReason.EnergyPowerMismatch, validator.Validate(Signer, Batch(powerMw: 100_000, energyStep: 320), Context())?.Reason);
        Assert.Equal(RejectReason.EnergyPowerMismatch, validator.Validate(Signer, Batch(powerMw: 100_000, energyStep: 200), Context())?.Reason);
        Assert.Equal(RejectReason.EnergyPowerMismatch, validator.Validate(Signer, Batch(powerMw: 0, energyStep: 50), Context())?.Reason);
    }

    [Fact]
    public void The_first_failing_rule_decides()
    {
        // Unknown device and inconsistent power: registry comes first.
        var rejection = validator.Validate(Signer, Batch(powerMw: 3_000_000, currentMa: 10), Context() with { Device = null });
        Assert.Equal(RejectReason.UnknownDevice, rejection?.Reason);
    }

    private static DeviceRecord Device(DeviceStatus status) =>
        new(Signer, new byte[32], Board.Id, status, null, "1.0.0", Now - 86_400_000, Now - 60_000);

    private static ValidationContext Context() => new(Signer, Now, Device(DeviceStatus.Active), Board, null, null);

    /// <summary>Six 10-second samples ending at <paramref name="endMs"/> with consistent energy by default.</summary>
    private static ReadingBatch Batch(
        long? endMs = null, long startEnergy = 1_000_000, int powerMw = 100_000, uint voltageMv = 230_000, uint currentMa = 500, long? energyStep = null)
    {
        var end = endMs ?? Now - 1_000;
        var step = energyStep ?? (long)powerMw * 10_000 / 3_600_000; // consistent with the power by default
        var samples = Enumerable.Range(0, 6)
            .Select(k => new ReadingSample(end - (5 - k) * 10_000L, startEnergy + k * step, powerMw, voltageMv, currentMa, true))
            .ToList();
        return new ReadingBatch(7, 3, Board.Id, "1.0.0", ReadingFlags.None, samples, 0, []);
    }
}
