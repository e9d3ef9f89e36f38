using System.Buffers;
using System.Text;
using System.Threading.Channels;
using CommunityToolkit.HighPerformance.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IlmEnergy.Storage.Influx;

/// <summary>
/// Stores readings in InfluxDB through the v1 API (docs/storage.md).
/// <list type="number">
/// <item>WriteAsync queues the points (bounded queue: callers wait when it is full) and completes when
/// their batch is durable.</item>
/// <item>One background batcher sends up to <see cref="InfluxOptions.BatchSize"/> points per request,
/// waiting at most <see cref="InfluxOptions.FlushInterval"/> for more (or none with FlushWhenIdle).</item>
/// <item>Transient failures are retried with exponential backoff and jitter; when they persist the batch
/// goes to the <see cref="DiskSpool"/> (fsynced) and the writers are released.</item>
/// <item>A background replayer sends the spool, oldest first, once /ping answers again. While the spool
/// holds data, new batches queue behind it so the order of writes is kept.</item>
/// <item>A 413 splits the body in halves until it fits. A 400 (unparsable or field-type conflict), or a
/// single line over the size limit, is never retried: the batch goes to the dead-letter file with the
/// server's error and later batches carry on.</item>
/// </list>
/// </summary>
public sealed class InfluxReadingStore : IReadingStore
{
    private readonly InfluxOptions options;
    private readonly InfluxV1Client client;
    private readonly DiskSpool spool;
    private readonly DeadLetterFile deadLetters;
    private readonly ILogger logger;
    private readonly Channel<WriteRequest> queue;
    // Request bodies are megabytes. A private pool keeps at most a few of them; the shared pool would let
    // every thread that ever encoded a request keep one of its own.
    private readonly ArrayPool<byte> linePool = ArrayPool<byte>.Create(MaxPooledBytes, maxArraysPerBucket: 4);
    private const int MaxPooledBytes = 64 << 20;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim replaySignal = new(0);
    private readonly Task batcher;
    private readonly Task replayer;
    private volatile bool databaseReady;
    private volatile bool reachable = true;
    private volatile string? lastError;
    private long deadLettered;
    private long requestsSent;
    private long pointsSent;

    public InfluxReadingStore(InfluxOptions options, ILogger<InfluxReadingStore>? logger = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        this.options = options;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        client = new InfluxV1Client(options, httpClient);
        spool = new DiskSpool(options.SpoolDirectory, options.MaxSpoolBytes);
        deadLetters = new DeadLetterFile(Path.Combine(options.SpoolDirectory, "dead-letter.lp"));
        if (spool.TruncatedBytesOnOpen > 0)
            this.logger.LogWarning("Cut a torn record of {Bytes} bytes off the InfluxDB spool (a crash during an append).", spool.TruncatedBytesOnOpen);
        queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        batcher = Task.Run(RunBatcherAsync);
        replayer = Task.Run(RunReplayerAsync);
    }

    /// <summary>The underlying client, for queries beyond <see cref="ReadAsync"/>.</summary>
    public InfluxV1Client Client => client;

    /// <summary>Successful /write requests so far (direct and replayed), for metrics and tests.</summary>
    public long RequestsSent => Interlocked.Read(ref requestsSent);

    /// <summary>Lines of line protocol acknowledged by the server so far.</summary>
    public long PointsSent => Interlocked.Read(ref pointsSent);

    /// <summary>Where batches refused with HTTP 400 are kept.</summary>
    public string DeadLetterPath => deadLetters.Path;

    public async Task WriteAsync(IReadOnlyList<ReadingPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) return;
        // Encode here, in the caller: a point that cannot be encoded fails its own caller, not the batch.
        // The lines go into a pooled buffer that the batcher returns once the request is settled.
        var lines = new ArrayPoolBufferWriter<byte>(linePool, points.Count * 192);
        WriteRequest request;
        try
        {
            foreach (var point in points) ReadingSchema.AppendLine(lines, point);
            request = new WriteRequest(lines, points.Count);
            await queue.Writer.WriteAsync(request, cancellationToken);
        }
        catch (Exception e)
        {
            lines.Dispose();
            if (e is ChannelClosedException) throw new ObjectDisposedException("The InfluxDB reading store is shut down.", e);
            throw;
        }
        await request.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReadingPoint>> ReadAsync(string deviceId, long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (toMs <= fromMs) return [];
        // Nanosecond integers: InfluxQL compares time with them directly.
        var query = $"SELECT * FROM {InfluxV1Client.QuoteIdentifier(ReadingSchema.Measurement)} " +
                    $"WHERE {InfluxV1Client.QuoteIdentifier(ReadingSchema.DeviceTag)} = {InfluxV1Client.QuoteLiteral(deviceId)} " +
                    $"AND time >= {checked(fromMs * 1_000_000)} AND time < {checked(toMs * 1_000_000)} ORDER BY time ASC";
        try
        {
            return ReadingSchema.FromSeries(await client.QueryAsync(query, options.Database, cancellationToken));
        }
        catch (InfluxException e) when (e.Kind == InfluxErrorKind.QueryFailed && e.Message.Contains("database not found", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
    }

    public StoreHealth GetHealth() =>
        new("influxdb", reachable, spool.PendingBytes, spool.PendingRecords, Interlocked.Read(ref deadLettered), lastError);

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        // The batcher drains what is queued (to InfluxDB or the spool) before it ends.
        await batcher;
        await stopping.CancelAsync();
        try
        {
            await replayer;
        }
        catch (OperationCanceledException)
        {
        }
        spool.Dispose();
        client.Dispose();
        stopping.Dispose();
        replaySignal.Dispose();
    }

    private async Task RunBatcherAsync()
    {
        var reader = queue.Reader;
        // One request body at a time, so one buffer serves them all (it grows to the largest body once).
        var body = new ArrayBufferWriter<byte>(options.BatchSize * 192);
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<WriteRequest>();
            var count = 0;
            var deadline = DateTime.UtcNow + options.FlushInterval;
            while (count < options.BatchSize)
            {
                if (reader.TryRead(out var request))
                {
                    batch.Add(request);
                    count += request.PointCount;
                    continue;
                }
                var wait = deadline - DateTime.UtcNow;
                if (options.FlushWhenIdle || wait <= TimeSpan.Zero || !await WaitForMoreAsync(reader, wait)) break;
            }
            if (batch.Count == 0) continue;
            try
            {
                foreach (var chunk in Chunk(batch, options.BatchSize, body)) await DeliverAsync(chunk);
                foreach (var request in batch) request.Settle(null);
            }
            catch (Exception e)
            {
                lastError = e.Message;
                logger.LogError(e, "Could not make a batch of {Points} points durable.", count);
                var failure = e as StoreUnavailableException ?? new StoreUnavailableException("Could not store the points: " + e.Message, e);
                foreach (var request in batch) request.Settle(failure);
            }
        }
    }

    private static async Task<bool> WaitForMoreAsync(ChannelReader<WriteRequest> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Joins queued line protocol into request bodies of at most <paramref name="batchSize"/> points, built
    /// one after the other in <paramref name="body"/>: each body is valid until the next one is asked for.
    /// </summary>
    internal static IEnumerable<ReadOnlyMemory<byte>> Chunk(IReadOnlyList<WriteRequest> batch, int batchSize, ArrayBufferWriter<byte> body)
    {
        body.ResetWrittenCount();
        var count = 0;
        foreach (var request in batch)
        {
            var text = request.Lines;
            while (!text.IsEmpty)
            {
                // Take whole lines until the chunk is full.
                var take = 0;
                var lines = 0;
                var span = text.Span;
                while (take < span.Length && count + lines < batchSize)
                {
                    var end = span[take..].IndexOf((byte)'\n');
                    take = end < 0 ? span.Length : take + end + 1;
                    lines++;
                }
                body.Write(span[..take]);
                count += lines;
                text = text[take..];
                if (count >= batchSize)
                {
                    yield return body.WrittenMemory;
                    body.ResetWrittenCount();
                    count = 0;
                }
            }
        }
        if (count > 0) yield return body.WrittenMemory;
    }

    /// <summary>Sends one body: to InfluxDB with retries, else to the spool; malformed bodies to the dead letters.</summary>
    private async Task DeliverAsync(ReadOnlyMemory<byte> body)
    {
        if (spool.HasPending)
        {
            // Behind older spooled batches: keep the order, let the replayer send it.
            spool.Append(body.Span);
            replaySignal.Release();
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendSplittingAsync(body, stopping.Token);
                return;
            }
            catch (InfluxException e) when (IsRefusal(e))
            {
                DeadLetter(body, e);
                return;
            }
            catch (InfluxException e)
            {
                OnFailure(e);
                if (attempt >= options.MaxAttempts) break;
                await Task.Delay(RetryBackoff.Delay(attempt, options.RetryBaseDelay, options.RetryMaxDelay, Random.Shared.NextDouble()));
            }
        }
        spool.Append(body.Span);
        logger.LogWarning("InfluxDB unavailable after {Attempts} attempts; batch spooled ({SpoolBytes} bytes waiting).", options.MaxAttempts, spool.PendingBytes);
        replaySignal.Release();
    }

    /// <summary>The server will never take this body: malformed (400), or a single line over max-body-size (413).</summary>
    private static bool IsRefusal(InfluxException error) => error.Kind is InfluxErrorKind.BadRequest or InfluxErrorKind.PayloadTooLarge;

    /// <summary>Sends a body; on 413 sends its halves instead, down to single lines.</summary>
    private async Task SendSplittingAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(body, cancellationToken);
        }
        catch (InfluxException e) when (e.Kind == InfluxErrorKind.PayloadTooLarge && SplitInHalf(body) is { } halves)
        {
            logger.LogWarning("InfluxDB refused a {Bytes}-byte body as too large; sending it in two halves. Lower BatchSize.", body.Length);
            await SendSplittingAsync(halves.First, cancellationToken);
            await SendSplittingAsync(halves.Second, cancellationToken);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.EnsureDatabaseAsync(options.Database, cancellationToken);
        }
        catch (InfluxException e) when (!e.IsTransient)
        {
            // InfluxDB 2.x/3.x compatibility endpoints and non-admin users cannot CREATE DATABASE: the database
            // (or DBRP mapping) must exist already. Try the write; a 404 will say if it does not.
            logger.LogWarning("Could not create InfluxDB database {Database} ({Error}); assuming it exists.", options.Database, e.Message);
        }
        databaseReady = true;
    }

    private async Task SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            if (!databaseReady && options.CreateDatabase) await EnsureDatabaseAsync(cancellationToken);
            await client.WriteAsync(body, cancellationToken);
            reachable = true;
            Interlocked.Increment(ref requestsSent);
            Interlocked.Add(ref pointsSent, body.Span.Count((byte)'\n'));
        }
        catch (InfluxException e) when (e.Kind == InfluxErrorKind.DatabaseNotFound)
        {
            // Dropped behind our back: create it again on the next attempt.
            databaseReady = false;
            throw;
        }
    }

    private async Task RunReplayerAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            await replaySignal.WaitAsync(options.ReplayInterval, token);
            try
            {
                await ReplaySpoolAsync(token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A damaged spool file or an I/O error: report it and try again on the next round.
                lastError = e.Message;
                logger.LogError(e, "Replaying the InfluxDB spool failed.");
            }
        }
    }

    /// <summary>Sends spooled batches oldest first while the server answers; stops at the first failure.</summary>
    private async Task ReplaySpoolAsync(CancellationToken token)
    {
        while (spool.Peek() is { } record)
        {
            if (!await client.IsAvailableAsync(token)) return;
            try
            {
                await SendSplittingAsync(record.Payload, token);
            }
            catch (InfluxException e) when (IsRefusal(e))
            {
                DeadLetter(record.Payload, e);
            }
            catch (InfluxException e)
            {
                OnFailure(e);
                return;
            }
            spool.Acknowledge(record);
            if (!spool.HasPending) logger.LogInformation("InfluxDB spool drained.");
        }
    }

    private void DeadLetter(ReadOnlyMemory<byte> body, InfluxException error)
    {
        deadLetters.Append(body.Span, error.Message, DateTimeOffset.UtcNow);
        Interlocked.Increment(ref deadLettered);
        lastError = error.Message;
        logger.LogError("InfluxDB refused a batch as malformed; kept in {Path}: {Error}", deadLetters.Path, error.Message);
    }

    private void OnFailure(InfluxException error)
    {
        reachable = false;
        lastError = error.Message;
        logger.LogWarning("InfluxDB write failed: {Error}", error.Message);
    }

    /// <summary>Splits a body at the line boundary nearest its middle, or null for a single line.</summary>
    internal static (ReadOnlyMemory<byte> First, ReadOnlyMemory<byte> Second)? SplitInHalf(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var half = span.Length / 2;
        var middle = span[half..].IndexOf((byte)'\n') is var after and >= 0 ? half + after : -1;
        if (middle < 0 || middle == span.Length - 1) middle = span[..Math.Max(0, half)].LastIndexOf((byte)'\n');
        if (middle < 0 || middle == span.Length - 1) return null;
        return (body[..(middle + 1)], body[(middle + 1)..]);
    }

    /// <summary>
    /// Encoded points of one WriteAsync call and the signal that completes it. The lines live in a pooled
    /// buffer owned by the request from the moment it is queued; <see cref="Settle"/> gives it back.
    /// </summary>
    internal sealed class WriteRequest
    {
        private readonly ArrayPoolBufferWriter<byte>? pooled;

        public WriteRequest(ArrayPoolBufferWriter<byte> lines, int pointCount)
        {
            pooled = lines;
            Lines = lines.WrittenMemory;
            PointCount = pointCount;
        }

        /// <summary>For tests: lines given as text.</summary>
        public WriteRequest(string lines, int pointCount)
        {
            Lines = Encoding.UTF8.GetBytes(lines);
            PointCount = pointCount;
        }

        public ReadOnlyMemory<byte> Lines { get; private set; }
        public int PointCount { get; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Releases the lines and completes the writer: durable when <paramref name="failure"/> is null.</summary>
        public void Settle(Exception? failure)
        {
            Lines = ReadOnlyMemory<byte>.Empty;
            pooled?.Dispose();
            if (failure is null) Done.TrySetResult();
            else Done.TrySetException(failure);
        }
    }
}
