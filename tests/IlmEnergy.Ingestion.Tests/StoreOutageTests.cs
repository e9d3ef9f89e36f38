using IlmEnergy.Storage;

namespace IlmEnergy.Ingestion.Tests;

public sealed class StoreOutageTests
{
    [Fact]
    public async Task A_failing_store_holds_acknowledgements_and_the_commit_is_retried_until_it_succeeds()
    {
        FlakyStore? flaky = null;
        await using var harness = new PipelineHarness(wrapStore: inner => flaky = new FlakyStore(inner, failures: 2));
        using var plug = new SignedBatchFactory();
        await harness.ActivateAsync(plug);
        var origin = harness.Now - 3_600_000;

        for (var seq = 0; seq < 20; seq++)
            await harness.SubmitAsync(plug.Topic, plug.SignedInStream(seq, origin));

        // While the store fails nothing is acknowledged and the pipeline says it is not committing.
        await WaitUntil(() => flaky!.Attempts >= 1);
        Assert.Empty(harness.Acknowledged);
        Assert.False(harness.Pipeline.IsCommitting);

        await harness.DrainAsync();
        Assert.True(harness.Pipeline.IsCommitting);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), harness.Acknowledged);
        Assert.Equal(20, await harness.Archive.CountAcceptedAsync());
        Assert.Equal(120, (await harness.Store.ReadAsync(plug.DeviceId, 0, long.MaxValue)).Count);
        Assert.Equal(20, harness.Pipeline.Statistics.Stored + harness.Pipeline.Statistics.Duplicates);
        Assert.Equal(0, harness.Pipeline.Statistics.Quarantined);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
            await Task.Delay(5);
        }
    }

    /// <summary>Throws <see cref="StoreUnavailableException"/> on the first writes, then passes through.</summary>
    private sealed class FlakyStore(IReadingStore inner, int failures) : IReadingStore
    {
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public Task WriteAsync(IReadOnlyList<ReadingPoint> points, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref attempts) <= failures
                ? throw new StoreUnavailableException("simulated outage: spool full")
                : inner.WriteAsync(points, cancellationToken);

        public Task<IReadOnlyList<ReadingPoint>> ReadAsync(string deviceId, long fromMs, long toMs, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(deviceId, fromMs, toMs, cancellationToken);

        public StoreHealth GetHealth() => inner.GetHealth();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
