using System.Diagnostics;
using System.Threading.Channels;
using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Ingestion.Validation;
using IlmEnergy.Protocol;
using IlmEnergy.Registry;
using IlmEnergy.Storage;
using Microsoft.Extensions.Logging;

namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>
/// receive → decode+verify (worker pool) → replay check → validate → archive raw → store → acknowledge.
/// <para>
/// Messages are acknowledged exactly once, after their fate is durable, and in the order they were
/// submitted (MQTT requires PUBACKs in receive order). A crash anywhere before the acknowledgement
/// means the broker redelivers, and redelivery is harmless: the archive recognises the identical
/// bytes and the store's writes are idempotent.
/// </para>
/// </summary>
public sealed class IngestPipeline
{
    private readonly IngestPipelineOptions options;
    private readonly UplinkDecoder decoder;
    private readonly BatchValidator validator;
    private readonly IDeviceRegistry registry;
    private readonly BoardCatalog boards;
    private readonly IMessageArchive archive;
    private readonly IReadingStore store;
    private readonly IngestStatistics statistics;
    private readonly ILogger logger;
    private readonly DeviceStateCache deviceState;
    private readonly Channel<PendingMessage> inOrder;
    private readonly Channel<PendingMessage> toVerify;

    public IngestPipeline(
        IngestPipelineOptions options,
        UplinkDecoder decoder,
        BatchValidator validator,
        IDeviceRegistry registry,
        BoardCatalog boards,
        IMessageArchive archive,
        IReadingStore store,
        IngestStatistics statistics,
        ILogger<IngestPipeline> logger,
        TimeProvider? time = null)
    {
        this.options = options;
        this.decoder = decoder;
        this.validator = validator;
        this.registry = registry;
        this.boards = boards;
        this.archive = archive;
        this.store = store;
        this.statistics = statistics;
        this.logger = logger;
        deviceState = new DeviceStateCache(registry, archive, options.RegistryCacheTime, time ?? TimeProvider.System);
        inOrder = Channel.CreateBounded<PendingMessage>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Bounded in effect by inOrder: a message enters here only after it found room there.
        toVerify = Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    }

    public IngestStatistics Statistics => statistics;

    /// <summary>Hands a received message to the pipeline; waits while the pipeline is full.</summary>
    public async ValueTask SubmitAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var pending = new PendingMessage(message);
        await inOrder.Writer.WriteAsync(pending, cancellationToken);
        statistics.OnReceived();
        toVerify.Writer.TryWrite(pending);
    }

    /// <summary>
    /// No more messages will be submitted; <see cref="RunAsync"/> finishes once everything submitted is
    /// decided. A submission that raced with this call either fails (ChannelClosedException) or is decided.
    /// </summary>
    public void Complete() => inOrder.Writer.TryComplete();

    /// <summary>Runs the workers and the committer until <see cref="Complete"/> has been called and the pipeline is drained.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, options.VerifyWorkers)
            .Select(_ => Task.Run(() => VerifyLoopAsync(cancellationToken), cancellationToken))
            .ToList();
        var committer = Task.Run(() => CommitLoopAsync(cancellationToken), cancellationToken);
        await Task.WhenAll(workers.Append(committer));
    }

    private async Task VerifyLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var pending in toVerify.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var result = decoder.Decode(pending.Message.Payload);
                statistics.OnVerified(Stopwatch.GetElapsedTime(started));
                pending.SetVerified(result);
            }
            catch (Exception exception) // the decoder promises never to throw; if it does, quarantine rather than stall
            {
                pending.SetFailed(exception);
            }
        }
    }

    /// <summary>
    /// Takes messages in receive order, in batches. Batch k+1 is decided and archived while batch k's
    /// samples are still being written to storage; batch k is acknowledged before batch k+1, so
    /// acknowledgements stay in receive order, and batch k+1's replay checks already see batch k in
    /// the archive.
    /// </summary>
    private async Task CommitLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            var finishing = Task.CompletedTask;
            while (await inOrder.Reader.WaitToReadAsync(cancellationToken))
            {
                var batch = new List<PendingMessage>(Math.Min(options.CommitBatchSize, Math.Max(1, inOrder.Reader.Count)));
                while (batch.Count < options.CommitBatchSize && inOrder.Reader.TryRead(out var pending))
                    batch.Add(pending);
                var prepared = await RetryAsync(() => PrepareAsync(batch, cancellationToken), "Deciding and archiving", batch.Count, cancellationToken);
                await finishing;
                finishing = FinishAsync(prepared, cancellationToken);
            }
            await finishing;
        }
        finally
        {
            // The verify workers stop only now, not at Complete(): a submission that was between its
            // two channel writes then must still reach a worker, or its batch would wait forever.
            toVerify.Writer.TryComplete();
        }
    }

    /// <summary>False while a commit step is failing and being retried (storage or archive unavailable).</summary>
    public bool IsCommitting => Volatile.Read(ref commitFailures) == 0;

    private int commitFailures;

    /// <summary>
    /// Runs a commit step, retrying with capped backoff until it succeeds. Nothing is acknowledged until
    /// then, so the broker keeps the messages; a retry is safe because the archive recognises what an
    /// earlier attempt already appended and storage writes are idempotent.
    /// </summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> step, string what, int messages, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var result = await step();
                Volatile.Write(ref commitFailures, 0);
                return result;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failures = Interlocked.Increment(ref commitFailures);
                logger.LogError(exception, "{Step} {Count} messages failed (attempt {Attempt}); retrying in {Delay}", what, messages, failures, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>A batch whose fate is decided and durable in the archive, waiting for its samples to be stored.</summary>
    private sealed record PreparedCommit(List<PendingMessage> Batch, Decision[] Decisions, List<ReadingPoint> Points, TimeSpan DecideTime, TimeSpan ArchiveTime);

    /// <summary>Replay check and validation for every message, then one durable archive transaction.</summary>
    private async Task<PreparedCommit> PrepareAsync(List<PendingMessage> batch, CancellationToken cancellationToken)
    {
        var stage = Stopwatch.GetTimestamp();
        var decisions = new Decision[batch.Count];
        var accepted = new List<int>(batch.Count);
        var seenInBatch = new Dictionary<(string Device, long Seq), int>(batch.Count);
        var acceptedInBatch = new Dictionary<string, List<BatchSummary>>(batch.Count, StringComparer.Ordinal);

        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i].Message;
            DecodeResult result;
            try
            {
                result = await batch[i].Verified;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Decoder failed on a message from {Topic}", message.Topic);
                decisions[i] = Decision.Reject(new Rejection(RejectReason.MalformedCbor, "decoder failure: " + exception.Message), null, null, null);
                continue;
            }
            decisions[i] = await DecideAsync(i, batch, result, seenInBatch, acceptedInBatch, cancellationToken);
            if (decisions[i].Outcome is IngestOutcome.Stored or IngestOutcome.ArchivedOnly) accepted.Add(i);
        }

        var decideTime = Stopwatch.GetElapsedTime(stage);
        stage = Stopwatch.GetTimestamp();

        // Archive accepted messages and quarantine rejected ones in one durable transaction.
        var entries = accepted.Select(i => decisions[i].ArchiveEntry!).ToList();
        var rejected = Enumerable.Range(0, batch.Count)
            .Where(i => decisions[i].Outcome == IngestOutcome.Quarantined)
            .Select(i => ToQuarantine(batch[i].Message, decisions[i]))
            .ToList();
        var results = await archive.CommitAsync(entries, rejected, cancellationToken);

        // Another ingester may have archived the same (device, seq) since we looked: settle that now.
        var lateRejections = new List<QuarantineEntry>();
        for (var k = 0; k < accepted.Count; k++)
        {
            var i = accepted[k];
            switch (results[k].Outcome)
            {
                case ArchiveOutcome.IdenticalDuplicate:
                    decisions[i] = decisions[i] with { Outcome = IngestOutcome.Duplicate };
                    break;
                case ArchiveOutcome.Conflict:
                    decisions[i] = Decision.Reject(
                        new Rejection(RejectReason.DuplicateConflict, $"another message with seq {decisions[i].Seq} was archived concurrently"),
                        decisions[i].DeviceId, decisions[i].Seq, results[k].ExistingMessage);
                    lateRejections.Add(ToQuarantine(batch[i].Message, decisions[i]));
                    break;
            }
        }
        if (lateRejections.Count > 0) await archive.CommitAsync([], lateRejections, cancellationToken);

        foreach (var decision in decisions)
        {
            if (decision.Outcome is IngestOutcome.Stored or IngestOutcome.ArchivedOnly)
                deviceState.OnArchived(decision.DeviceId!, decision.ArchiveEntry!.Summary, decision.Batch!.Firmware);
        }
        await deviceState.FlushSightingsIfDueAsync(cancellationToken);

        // Samples to store. Duplicates are written again: an earlier attempt may have stopped between
        // archiving and storing, and the store's writes are idempotent.
        var toStore = decisions.Where(d => d.Outcome is IngestOutcome.Stored or IngestOutcome.Duplicate && d.Batch is { } readings
            && !readings.Flags.HasFlag(ReadingFlags.ClockNotSynced)).ToList();
        var points = new List<ReadingPoint>(toStore.Sum(d => d.Batch!.Samples.Count));
        foreach (var decision in toStore) AddPoints(points, decision.DeviceId!, decision.Batch!);
        return new PreparedCommit(batch, decisions, points, decideTime, Stopwatch.GetElapsedTime(stage));
    }

    /// <summary>Stores the samples (retrying until durable), then acknowledges every message in receive order.</summary>
    private async Task FinishAsync(PreparedCommit prepared, CancellationToken cancellationToken)
    {
        var stage = Stopwatch.GetTimestamp();
        if (prepared.Points.Count > 0)
        {
            await RetryAsync(async () =>
            {
                await store.WriteAsync(prepared.Points, cancellationToken);
                return true;
            }, "Storing the samples of", prepared.Batch.Count, cancellationToken);
        }
        var storeTime = Stopwatch.GetElapsedTime(stage);
        stage = Stopwatch.GetTimestamp();

        for (var i = 0; i < prepared.Batch.Count; i++)
        {
            try
            {
                await prepared.Batch[i].Message.AcknowledgeAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The broker will redeliver; the archive makes that harmless.
                logger.LogWarning(exception, "Acknowledging a message from {Topic} failed", prepared.Batch[i].Message.Topic);
            }
            statistics.OnDecided(prepared.Decisions[i].Outcome, prepared.Decisions[i].Rejection?.Reason);
        }
        statistics.OnCommitted(new CommitTimings(prepared.Batch.Count, prepared.Points.Count, prepared.DecideTime, prepared.ArchiveTime, storeTime, Stopwatch.GetElapsedTime(stage)));
    }

    private async ValueTask<Decision> DecideAsync(
        int index,
        List<PendingMessage> batch,
        DecodeResult result,
        Dictionary<(string, long), int> seenInBatch,
        Dictionary<string, List<BatchSummary>> acceptedInBatch,
        CancellationToken cancellationToken)
    {
        var message = batch[index].Message;
        if (!result.IsAccepted)
            return Decision.Reject(result.Rejection.Value, result.Signer?.ToString(), null, null);
        var signerId = result.Signer.ToString();
        if (result.Message is not ReadingBatch readings)
            return Decision.Reject(new Rejection(RejectReason.UnexpectedKind, $"a {result.Message.Kind} message on a readings topic"), signerId, null, null);

        // Replay (rule 4): identical bytes are a duplicate; different bytes under the same seq are equivocation.
        var key = (signerId, readings.Seq);
        if (seenInBatch.TryGetValue(key, out var earlier))
        {
            return batch[earlier].Message.Payload.AsSpan().SequenceEqual(message.Payload)
                ? new Decision(IngestOutcome.Duplicate, null, signerId, readings.Seq, readings, null, null)
                : Decision.Reject(new Rejection(RejectReason.DuplicateConflict, $"seq {readings.Seq} arrived twice with different contents"), signerId, readings.Seq, batch[earlier].Message.Payload);
        }
        seenInBatch[key] = index;
        var existing = await deviceState.FindArchivedAsync(signerId, readings.Seq, cancellationToken);
        if (existing is not null)
        {
            return existing.AsSpan().SequenceEqual(message.Payload)
                ? new Decision(IngestOutcome.Duplicate, null, signerId, readings.Seq, readings, null, null)
                : Decision.Reject(new Rejection(RejectReason.DuplicateConflict, $"seq {readings.Seq} is already archived with different contents"), signerId, readings.Seq, existing);
        }

        // Rules 2, 3, 5–9.
        var device = await deviceState.FindDeviceAsync(signerId, cancellationToken);
        var board = device is null ? null : boards.Find(device.Board);
        var (previous, next) = await deviceState.FindNeighboursAsync(signerId, readings.Seq, cancellationToken);
        if (acceptedInBatch.TryGetValue(signerId, out var siblings))
        {
            foreach (var sibling in siblings)
            {
                if (sibling.Seq < readings.Seq && (previous is null || sibling.Seq > previous.Seq)) previous = sibling;
                if (sibling.Seq > readings.Seq && (next is null || sibling.Seq < next.Seq)) next = sibling;
            }
        }
        var topicId = TopicNames.DeviceIdOfReadings(message.Topic) ?? message.Topic;
        var rejection = validator.Validate(signerId, readings, new ValidationContext(topicId, message.ReceivedMs, device, board, previous, next));
        if (rejection is not null)
            return Decision.Reject(rejection.Value, signerId, readings.Seq, null);

        var summary = new BatchSummary(readings.Seq, readings.Samples[0].TimestampMs, readings.Samples[^1].TimestampMs,
            readings.Samples[0].EnergyMwh, readings.Samples[^1].EnergyMwh, (int)readings.Flags);
        if (!acceptedInBatch.TryGetValue(signerId, out siblings)) acceptedInBatch[signerId] = siblings = [];
        siblings.Add(summary);
        var outcome = readings.Flags.HasFlag(ReadingFlags.ClockNotSynced) ? IngestOutcome.ArchivedOnly : IngestOutcome.Stored;
        var entry = new ArchiveEntry(signerId, message.ReceivedMs, message.Topic, message.Payload, summary);
        return new Decision(outcome, null, signerId, readings.Seq, readings, entry, null);
    }

    private static void AddPoints(List<ReadingPoint> points, string deviceId, ReadingBatch readings)
    {
        foreach (var sample in readings.Samples)
        {
            points.Add(new ReadingPoint(deviceId, readings.Board, sample.TimestampMs, sample.EnergyMwh, sample.PowerMw,
                sample.VoltageMv, sample.CurrentMa, sample.RelayClosed, readings.Seq, (int)readings.Flags));
        }
    }

    private static QuarantineEntry ToQuarantine(InboundMessage message, Decision decision)
    {
        var rejection = decision.Rejection!.Value;
        return new QuarantineEntry(message.ReceivedMs, message.Topic, decision.DeviceId, decision.Seq,
            (int)rejection.Reason, rejection.Reason.ToString(), rejection.Detail, message.Payload, decision.Evidence);
    }

    /// <summary>The fate of one message within a commit.</summary>
    private sealed record Decision(
        IngestOutcome Outcome,
        Rejection? Rejection,
        string? DeviceId,
        long? Seq,
        ReadingBatch? Batch,
        ArchiveEntry? ArchiveEntry,
        byte[]? Evidence)
    {
        public static Decision Reject(Rejection rejection, string? deviceId, long? seq, byte[]? evidence) =>
            new(IngestOutcome.Quarantined, rejection, deviceId, seq, null, null, evidence);
    }
}
