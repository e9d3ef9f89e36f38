using IlmEnergy.Protocol;
using IlmEnergy.Registry;

namespace IlmEnergy.Ingestion.Validation;

/// <summary>
/// The acceptance rules of docs/protocol.md §5, steps 2, 3 and 5–9, as one pure function: the same
/// batch and context always give the same answer. (Step 4, replay, needs the archive and is done by
/// the pipeline before this runs.) The first failing rule decides.
/// </summary>
public sealed class BatchValidator(ValidationOptions options)
{
    private const long MillisecondsPerHour = 3_600_000;

    public Rejection? Validate(string signerId, ReadingBatch batch, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        return CheckRegistry(context)
            ?? CheckTopic(signerId, context)
            ?? CheckTime(batch, context)
            ?? CheckEnergyContinuity(batch, context)
            ?? CheckRating(batch, context.Board!)
            ?? CheckElectricalConsistency(batch)
            ?? CheckEnergyAgainstPower(batch);
    }

    private static Rejection? CheckRegistry(ValidationContext context)
    {
        if (context.Device is null)
            return new Rejection(RejectReason.UnknownDevice, "the signing key is not registered");
        if (context.Device.Status == DeviceStatus.Suspended)
            return new Rejection(RejectReason.DeviceSuspended, "the device is suspended");
        if (context.Device.Status != DeviceStatus.Active)
            return new Rejection(RejectReason.UnknownDevice, "the device is registered but not yet claimed or activated");
        if (context.Board is null)
            return new Rejection(RejectReason.UnknownDevice, $"the device's board '{context.Device.Board}' is not in the board catalog");
        return null;
    }

    private static Rejection? CheckTopic(string signerId, ValidationContext context) =>
        string.Equals(signerId, context.TopicDeviceId, StringComparison.Ordinal)
            ? null
            : new Rejection(RejectReason.TopicKeyMismatch, $"published under '{context.TopicDeviceId}' but signed by '{signerId}'");

    private Rejection? CheckTime(ReadingBatch batch, ValidationContext context)
    {
        // A batch whose clock was not yet set carries approximate times: it is archived (the energy
        // counter still counts) but never settled, so its times are not held against it.
        if (batch.Flags.HasFlag(ReadingFlags.ClockNotSynced)) return null;
        var latest = context.ReceivedMs + (long)options.FutureSkew.TotalMilliseconds;
        var earliest = context.ReceivedMs - (long)options.BacklogWindow.TotalMilliseconds;
        // Samples are strictly increasing (the decoder checked), so the ends suffice.
        var first = batch.Samples[0].TimestampMs;
        var last = batch.Samples[^1].TimestampMs;
        if (last > latest)
            return new Rejection(RejectReason.TimestampInFuture, $"sample at {last} is {last - context.ReceivedMs} ms ahead of receive time {context.ReceivedMs}");
        if (first < earliest)
            return new Rejection(RejectReason.TimestampTooOld, $"sample at {first} is older than the backlog window of {options.BacklogWindow}");
        return null;
    }

    private static Rejection? CheckEnergyContinuity(ReadingBatch batch, ValidationContext context)
    {
        var firstEnergy = batch.Samples[0].EnergyMwh;
        var lastEnergy = batch.Samples[^1].EnergyMwh;
        if (context.Previous is { } previous && firstEnergy < previous.LastEnergyMilliWattHours
            && !batch.Flags.HasFlag(ReadingFlags.CounterReset))
        {
            return new Rejection(RejectReason.EnergyDecreased,
                $"energy {firstEnergy} mWh is below {previous.LastEnergyMilliWattHours} mWh of batch {previous.Seq} without a CounterReset flag");
        }
        if (context.Next is { } next && next.FirstEnergyMilliWattHours < lastEnergy
            && ((ReadingFlags)(uint)next.Flags & ReadingFlags.CounterReset) == 0)
        {
            return new Rejection(RejectReason.EnergyDecreased,
                $"energy {lastEnergy} mWh is above {next.FirstEnergyMilliWattHours} mWh of the later batch {next.Seq}");
        }
        return null;
    }

    private static Rejection? CheckRating(ReadingBatch batch, BoardDefinition board)
    {
        foreach (var sample in batch.Samples)
        {
            if (Math.Abs((long)sample.PowerMw) > board.MaxPowerMilliWatts)
                return new Rejection(RejectReason.PowerAboveRating, $"power {sample.PowerMw} mW at {sample.TimestampMs} exceeds {board.MaxPowerMilliWatts} mW ({board.Id} rated {board.RatedPowerW} W + 35 %)");
            if (sample.CurrentMa > board.MaxCurrentMilliAmps)
                return new Rejection(RejectReason.PowerAboveRating, $"current {sample.CurrentMa} mA at {sample.TimestampMs} exceeds {board.MaxCurrentMilliAmps} mA ({board.Id} rated {board.RatedCurrentA} A + 35 %)");
        }
        return null;
    }

    private Rejection? CheckElectricalConsistency(ReadingBatch batch)
    {
        foreach (var sample in batch.Samples)
        {
            // Active power cannot exceed apparent power V×I (power factor ≤ 1), give or take metering error.
            // mV × mA = µW; Int128 because both may be up to 2^32 on the wire.
            var apparentMicroWatts = (Int128)sample.VoltageMv * sample.CurrentMa;
            var allowedMilliWatts = apparentMicroWatts * (100 + options.ApparentPowerTolerancePercent) / 100_000 + options.ApparentPowerSlackMilliWatts;
            if (Math.Abs((long)sample.PowerMw) > allowedMilliWatts)
                return new Rejection(RejectReason.ElectricallyInconsistent,
                    $"power {sample.PowerMw} mW at {sample.TimestampMs} exceeds V×I = {sample.VoltageMv} mV × {sample.CurrentMa} mA");
        }
        return null;
    }

    private Rejection? CheckEnergyAgainstPower(ReadingBatch batch)
    {
        var samples = batch.Samples;
        for (var k = 1; k < samples.Count; k++)
        {
            // The sample's power is the mean over the interval that ends at its timestamp.
            var deltaMs = samples[k].TimestampMs - samples[k - 1].TimestampMs;
            var deltaEnergy = samples[k].EnergyMwh - samples[k - 1].EnergyMwh;
            if (deltaEnergy < 0) continue; // a declared counter reset inside the batch; the decoder vetted it
            var expected = (Int128)Math.Max(0, samples[k].PowerMw) * deltaMs / MillisecondsPerHour;
            var difference = Int128.Abs(deltaEnergy - expected);
            var allowed = Int128.Max(deltaEnergy, expected) * options.EnergyTolerancePercent / 100 + options.EnergySlackMilliWattHours;
            if (difference > allowed)
                return new Rejection(RejectReason.EnergyPowerMismatch,
                    $"energy rose {deltaEnergy} mWh in {deltaMs} ms but {samples[k].PowerMw} mW over that time is {expected} mWh");
        }
        return null;
    }
}
