using IlmEnergy.Ingestion.Pipeline;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;

namespace IlmEnergy.Ingestion.Tests;

public sealed class IngestPipelineTests
{
    [Fact]
    public async Task Valid_batches_are_archived_stored_and_acknowledged_in_order()
    {
        await using var harness = new PipelineHarness(workers: 4, batchSize: 64);
        using var plugs = new DisposableList<SignedBatchFactory>(Enumerable.Range(0, 5).Select(_ => new SignedBatchFactory()));
        foreach (var plug in plugs) await harness.ActivateAsync(plug);
        var origin = harness.Now - 3_600_000;

        for (var seq = 0; seq < 40; seq++)
            foreach (var plug in plugs)
                await harness.SubmitAsync(plug.Topic, plug.SignedInStream(seq, origin));
        await harness.DrainAsync();

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), harness.Acknowledged);
        Assert.Equal(200, harness.Pipeline.Statistics.Stored);
        Assert.Equal(0, harness.Pipeline.Statistics.Quarantined);
        Assert.Equal(200, await harness.Archive.CountAcceptedAsync());
        foreach (var plug in plugs)
        {
            var points = await harness.Store.ReadAsync(plug.DeviceId, 0, long.MaxValue);
            Assert.Equal(240, points.Count);
            Assert.True(points.Zip(points.Skip(1)).All(p => p.First.TimestampMs < p.Second.TimestampMs));
            Assert.All(points, p => Assert.Equal(100_000, p.PowerMilliWatts));
        }
    }

    [Fact]
    public async Task Submissions_racing_with_shutdown_are_refused_or_acknowledged_and_the_pipeline_stops()
    {
        for (var round = 0; round < 10; round++)
        {
            // A small queue makes submitters wait for room, so some are still inside SubmitAsync at Complete().
            await using var harness = new PipelineHarness(workers: 2, batchSize: 8, queueCapacity: 4);
            using var plug = new SignedBatchFactory();
            await harness.ActivateAsync(plug);
            var origin = harness.Now - 3_600_000;
            var messages = Enumerable.Range(0, 60).Select(seq => plug.SignedInStream(seq, origin)).ToList();

            var submissions = messages.Select((message, i) => Task.Run(async () =>
            {
                try
                {
                    await harness.SubmitAsync(plug.Topic, message);
                    return true;
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    return false;
                }
            })).ToList();
            await Task.Delay(round); // a different moment each round
            harness.Pipeline.Complete();

            var taken = (await Task.WhenAll(submissions)).Count(t => t);
            await harness.Run.WaitAsync(TimeSpan.FromSeconds(30)); // stops: nothing taken is left waiting
            Assert.Equal(taken, harness.Acknowledged.Count);
            Assert.Equal(taken, harness.Pipeline.Statistics.Decided);
        }
    }

    [Fact]
    public async Task An_identical_resend_is_a_harmless_duplicate()
    {
        await using var harness = new PipelineHarness();
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);
        var message = plug.SignedInStream(3, harness.Now - 600_000);

        await harness.SubmitAsync(plug.Topic, message);
        await harness.SubmitAsync(plug.Topic, message); // same commit batch
        await harness.DrainAsync();
        await harness.SubmitAsync(plug.Topic, message); // later commit, found in the archive
        await harness.DrainAsync();

        Assert.Equal(1, harness.Pipeline.Statistics.Stored);
        Assert.Equal(2, harness.Pipeline.Statistics.Duplicates);
        Assert.Equal(0, harness.Pipeline.Statistics.Quarantined);
        Assert.Equal(1, await harness.Archive.CountAcceptedAsync());
        Assert.Equal(6, (await harness.Store.ReadAsync(plug.DeviceId, 0, long.MaxValue)).Count);
    }

    [Fact]
    public async Task A_different_message_under_a_stored_seq_is_quarantined_with_both_copies()
    {
        await using var harness = new PipelineHarness();
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);
        var end = harness.Now - 600_000;
        var original = plug.Sign(plug.Batch(9, end, 5_000_000));
        var forged = plug.Sign(plug.Batch(9, end, 5_000_000, powerMw: 50_000));

        await harness.SubmitAsync(plug.Topic, original);
        await harness.DrainAsync();
        await harness.SubmitAsync(plug.Topic, forged);
        await harness.DrainAsync();

        var quarantined = Assert.Single(await harness.Archive.ListQuarantineAsync(10));
        Assert.Equal((int)RejectReason.DuplicateConflict, quarantined.ReasonCode);
        Assert.Equal(forged, quarantined.Message);
        Assert.Equal(original, quarantined.Evidence);
        Assert.Equal(9, quarantined.Seq);
        // The stored samples are still the original ones.
        Assert.All(await harness.Store.ReadAsync(plug.DeviceId, 0, long.MaxValue), p => Assert.Equal(100_000, p.PowerMilliWatts));
    }

    [Fact]
    public async Task Garbage_and_oversized_messages_are_quarantined_and_the_pipeline_keeps_going()
    {
        await using var harness = new PipelineHarness();
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);
        var random = new Random(7);
        var garbage = new byte[300];
        random.NextBytes(garbage);

        await harness.SubmitAsync(plug.Topic, garbage);
        await harness.SubmitAsync(plug.Topic, new byte[5000]);
        await harness.SubmitAsync(plug.Topic, []);
        await harness.SubmitAsync(plug.Topic, plug.SignedInStream(1, harness.Now - 600_000));
        await harness.DrainAsync();

        Assert.Equal(3, harness.Pipeline.Statistics.Quarantined);
        Assert.Equal(1, harness.Pipeline.Statistics.Stored);
        var reasons = (await harness.Archive.CountRejectedByReasonAsync()).ToDictionary(r => r.ReasonName, r => r.Count);
        Assert.Equal(1, reasons[nameof(RejectReason.MessageTooLarge)]);
        Assert.Equal(2, reasons[nameof(RejectReason.MalformedCbor)] + reasons.GetValueOrDefault(nameof(RejectReason.NotCoseSign1)));
    }

    [Fact]
    public async Task Validation_failures_are_quarantined_with_their_reason()
    {
        await using var harness = new PipelineHarness();
        using var active = new SignedBatchFactory();
        using var unknown = new SignedBatchFactory();
        using var suspended = new SignedBatchFactory();
        await harness.ActivateAsync(active);
        await harness.ActivateAsync(suspended);
        await harness.Registry.SetStatusAsync(suspended.DeviceId, DeviceStatus.Suspended);
        var end = harness.Now - 600_000;

        await harness.SubmitAsync(unknown.Topic, unknown.Sign(unknown.Batch(1, end, 0)));
        await harness.SubmitAsync(suspended.Topic, suspended.Sign(suspended.Batch(1, end, 0)));
        await harness.SubmitAsync(active.Topic.Replace(active.DeviceId, unknown.DeviceId), active.Sign(active.Batch(1, end, 0)));
        await harness.SubmitAsync(active.Topic, active.Sign(active.Batch(2, harness.Now + 600_000, 0)));
        await harness.SubmitAsync(active.Topic, active.Sign(active.Batch(3, end, 0, powerMw: 4_000_000)));
        await harness.DrainAsync();

        var reasons = (await harness.Archive.ListQuarantineAsync(10)).Select(q => (RejectReason)q.ReasonCode).Order().ToList();
        Assert.Equal(
            [RejectReason.UnknownDevice, RejectReason.DeviceSuspended, RejectReason.TopicKeyMismatch, RejectReason.TimestampInFuture, RejectReason.PowerAboveRating],
            reasons);
        Assert.Equal(5, harness.Pipeline.Statistics.Quarantined);
    }

    [Fact]
    public async Task Energy_continuity_is_checked_against_batches_arriving_out_of_order()
    {
        await using var harness = new PipelineHarness();
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);
        var origin = harness.Now - 3_600_000;

        await harness.SubmitAsync(plug.Topic, plug.SignedInStream(10, origin));
        await harness.DrainAsync();
        // Seq 5 arrives late with a counter above seq 10's: impossible without a reset.
        await harness.SubmitAsync(plug.Topic, plug.Sign(plug.Batch(5, origin + 5 * 60_000, 9_000_000)));
        // Seq 6 arrives late and fits below seq 10.
        await harness.SubmitAsync(plug.Topic, plug.SignedInStream(6, origin));
        await harness.DrainAsync();

        var rejected = Assert.Single(await harness.Archive.ListQuarantineAsync(10));
        Assert.Equal((int)RejectReason.EnergyDecreased, rejected.ReasonCode);
        Assert.Equal(5, rejected.Seq);
        Assert.Equal(2, harness.Pipeline.Statistics.Stored);
    }

    [Fact]
    public async Task An_unsynced_clock_batch_is_archived_but_not_charted()
    {
        await using var harness = new PipelineHarness();
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);

        await harness.SubmitAsync(plug.Topic, plug.Sign(plug.Batch(1, 120_000, 0, flags: ReadingFlags.ClockNotSynced)));
        await harness.DrainAsync();

        Assert.Equal(1, harness.Pipeline.Statistics.ArchivedOnly);
        Assert.Equal(1, await harness.Archive.CountAcceptedAsync());
        Assert.Empty(await harness.Store.ReadAsync(plug.DeviceId, 0, long.MaxValue));
    }

    [Fact]
    public async Task A_hello_on_a_readings_topic_is_an_unexpected_kind()
    {
        await using var harness = new PipelineHarness();
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);
        var hello = plug.Sign(new HelloMessage(1, plug.Board, "1.0.0", ReadingFlags.None, harness.Now, 0));

        await harness.SubmitAsync(plug.Topic, hello);
        await harness.DrainAsync();

        Assert.Equal((int)RejectReason.UnexpectedKind, Assert.Single(await harness.Archive.ListQuarantineAsync(10)).ReasonCode);
    }

    private sealed class DisposableList<T>(IEnumerable<T> items) : List<T>(items), IDisposable where T : IDisposable
    {
        public void Dispose() => ForEach(item => item.Dispose());
    }
}
