using Dapper;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Ingestion.Archive;

/// <summary>
/// The embedded archive: one SQLite file in WAL mode with synchronous=FULL, so a committed batch
/// survives a crash or power cut before the ingester acknowledges it. Triggers make both tables
/// append-only: an UPDATE or DELETE aborts, whoever attempts it.
/// </summary>
public sealed class SqliteMessageArchive : IMessageArchive, IDisposable
{
    private readonly string connectionString;
    private readonly SqliteConnection writer;
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public SqliteMessageArchive(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        writer = Open();
        writer.Execute("""
            PRAGMA journal_mode = WAL;
            -- Each commit inserts into the (device, seq) index at one place per active device, so it
            -- rewrites roughly the same few thousand index pages every time. A larger WAL lets a
            -- checkpoint copy each of those pages once per many commits instead of once per commit
            -- (32 MB instead of 4 MB), and a larger cache keeps them from being re-read (16 MB, not 2 MB).
            PRAGMA wal_autocheckpoint = 8192;
            PRAGMA cache_size = -16384;
            -- A rowid table: rows (~400 bytes with the message) append in arrival order, and the small
            -- unique index carries the (device, seq) key. WITHOUT ROWID would keep whole rows in the
            -- randomly ordered key B-tree, which cost more than the signature check per message.
            CREATE TABLE IF NOT EXISTS raw_messages (
                id           INTEGER PRIMARY KEY,
                device_id    TEXT    NOT NULL,
                seq          INTEGER NOT NULL,
                received_ms  INTEGER NOT NULL,
                topic        TEXT    NOT NULL,
                message      BLOB    NOT NULL,
                first_ts_ms  INTEGER NOT NULL,
                last_ts_ms   INTEGER NOT NULL,
                first_e_mwh  INTEGER NOT NULL,
                last_e_mwh   INTEGER NOT NULL,
                flags        INTEGER NOT NULL,
                UNIQUE (device_id, seq)
            );
            CREATE TABLE IF NOT EXISTS quarantine (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                received_ms  INTEGER NOT NULL,
                topic        TEXT    NOT NULL,
                device_id    TEXT    NULL,
                seq          INTEGER NULL,
                reason_code  INTEGER NOT NULL,
                reason_name  TEXT    NOT NULL,
                detail       TEXT    NOT NULL,
                message      BLOB    NOT NULL,
                evidence     BLOB    NULL
            );
            CREATE INDEX IF NOT EXISTS quarantine_by_reason ON quarantine (reason_code);
            CREATE INDEX IF NOT EXISTS quarantine_by_message ON quarantine (topic, message);
            CREATE TRIGGER IF NOT EXISTS raw_messages_append_only_u BEFORE UPDATE ON raw_messages
                BEGIN SELECT RAISE(ABORT, 'raw_messages is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS raw_messages_append_only_d BEFORE DELETE ON raw_messages
                BEGIN SELECT RAISE(ABORT, 'raw_messages is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS quarantine_append_only_u BEFORE UPDATE ON quarantine
                BEGIN SELECT RAISE(ABORT, 'quarantine is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS quarantine_append_only_d BEFORE DELETE ON quarantine
                BEGIN SELECT RAISE(ABORT, 'quarantine is append-only'); END;
            """);
    }

    public async Task<IReadOnlyList<ArchiveResult>> CommitAsync(IReadOnlyList<ArchiveEntry> accepted, IReadOnlyList<QuarantineEntry> rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(rejected);
        var results = new ArchiveResult[accepted.Count];
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            using var transaction = writer.BeginTransaction();
            using var insert = writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO raw_messages (device_id, seq, received_ms, topic, message, first_ts_ms, last_ts_ms, first_e_mwh, last_e_mwh, flags)
                VALUES ($device, $seq, $received, $topic, $message, $firstTs, $lastTs, $firstE, $lastE, $flags)
                ON CONFLICT (device_id, seq) DO NOTHING
                """;
            var pDevice = insert.Parameters.Add("$device", SqliteType.Text);
            var pSeq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var pReceived = insert.Parameters.Add("$received", SqliteType.Integer);
            var pTopic = insert.Parameters.Add("$topic", SqliteType.Text);
            var pMessage = insert.Parameters.Add("$message", SqliteType.Blob);
            var pFirstTs = insert.Parameters.Add("$firstTs", SqliteType.Integer);
            var pLastTs = insert.Parameters.Add("$lastTs", SqliteType.Integer);
            var pFirstE = insert.Parameters.Add("$firstE", SqliteType.Integer);
            var pLastE = insert.Parameters.Add("$lastE", SqliteType.Integer);
            var pFlags = insert.Parameters.Add("$flags", SqliteType.Integer);

            using var select = writer.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT message FROM raw_messages WHERE device_id = $device AND seq = $seq";
            var sDevice = select.Parameters.Add("$device", SqliteType.Text);
            var sSeq = select.Parameters.Add("$seq", SqliteType.Integer);

            for (var i = 0; i < accepted.Count; i++)
            {
                var entry = accepted[i];
                pDevice.Value = entry.DeviceId;
                pSeq.Value = entry.Seq;
                pReceived.Value = entry.ReceivedMs;
                pTopic.Value = entry.Topic;
                pMessage.Value = entry.Message;
                pFirstTs.Value = entry.Summary.FirstTimestampMs;
                pLastTs.Value = entry.Summary.LastTimestampMs;
                pFirstE.Value = entry.Summary.FirstEnergyMilliWattHours;
                pLastE.Value = entry.Summary.LastEnergyMilliWattHours;
                pFlags.Value = entry.Summary.Flags;
                if (insert.ExecuteNonQuery() == 1)
                {
                    results[i] = new ArchiveResult(ArchiveOutcome.Stored, null);
                    continue;
                }
                sDevice.Value = entry.DeviceId;
                sSeq.Value = entry.Seq;
                var existing = (byte[])select.ExecuteScalar()!;
                results[i] = existing.AsSpan().SequenceEqual(entry.Message)
                    ? new ArchiveResult(ArchiveOutcome.IdenticalDuplicate, null)
                    : new ArchiveResult(ArchiveOutcome.Conflict, existing);
            }

            if (rejected.Count > 0) InsertQuarantine(transaction, rejected);
            transaction.Commit();
        }
        finally
        {
            writeLock.Release();
        }
        return results;
    }

    /// <summary>Quarantines entries on their own, for rejections found after the archive step.</summary>
    public async Task QuarantineAsync(IReadOnlyList<QuarantineEntry> rejected, CancellationToken cancellationToken = default)
    {
        await CommitAsync([], rejected, cancellationToken);
    }

    private void InsertQuarantine(SqliteTransaction transaction, IReadOnlyList<QuarantineEntry> rejected)
    {
        using var insert = writer.CreateCommand();
        insert.Transaction = transaction;
        // A redelivery (the broker resends what a crashed ingester had not acknowledged, or a plug resends
        // after a lost PUBACK) carries the same bytes on the same topic: keep the first copy only, so every
        // rejected message is quarantined once, as every accepted one is archived once.
        insert.CommandText = """
            INSERT INTO quarantine (received_ms, topic, device_id, seq, reason_code, reason_name, detail, message, evidence)
            SELECT $received, $topic, $device, $seq, $code, $name, $detail, $message, $evidence
            WHERE NOT EXISTS (SELECT 1 FROM quarantine WHERE topic = $topic AND message = $message)
            """;
        var pReceived = insert.Parameters.Add("$received", SqliteType.Integer);
        var pTopic = insert.Parameters.Add("$topic", SqliteType.Text);
        var pDevice = insert.Parameters.Add("$device", SqliteType.Text);
        var pSeq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var pCode = insert.Parameters.Add("$code", SqliteType.Integer);
        var pName = insert.Parameters.Add("$name", SqliteType.Text);
        var pDetail = insert.Parameters.Add("$detail", SqliteType.Text);
        var pMessage = insert.Parameters.Add("$message", SqliteType.Blob);
        var pEvidence = insert.Parameters.Add("$evidence", SqliteType.Blob);
        foreach (var entry in rejected)
        {
            pReceived.Value = entry.ReceivedMs;
            pTopic.Value = entry.Topic;
            pDevice.Value = (object?)entry.DeviceId ?? DBNull.Value;
            pSeq.Value = (object?)entry.Seq ?? DBNull.Value;
            pCode.Value = entry.ReasonCode;
            pName.Value = entry.ReasonName;
            pDetail.Value = entry.Detail;
            pMessage.Value = entry.Message;
            pEvidence.Value = (object?)entry.Evidence ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    public async Task<BatchSummary?> FindPreviousAsync(string deviceId, long seq, CancellationToken cancellationToken = default) =>
        await QuerySummaryAsync("WHERE device_id = @deviceId AND seq < @seq ORDER BY seq DESC LIMIT 1", deviceId, seq, cancellationToken);

    public async Task<BatchSummary?> FindNextAsync(string deviceId, long seq, CancellationToken cancellationToken = default) =>
        await QuerySummaryAsync("WHERE device_id = @deviceId AND seq > @seq ORDER BY seq ASC LIMIT 1", deviceId, seq, cancellationToken);

    private async Task<BatchSummary?> QuerySummaryAsync(string where, string deviceId, long seq, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var row = await connection.QuerySingleOrDefaultAsync<(long, long, long, long, long, long)?>(new CommandDefinition(
            "SELECT seq, first_ts_ms, last_ts_ms, first_e_mwh, last_e_mwh, flags FROM raw_messages " + where,
            new { deviceId, seq }, cancellationToken: cancellationToken));
        return row is { } r ? new BatchSummary(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, (int)r.Item6) : null;
    }

    public async Task<byte[]?> FindMessageAsync(string deviceId, long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        return await connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT message FROM raw_messages WHERE device_id = @deviceId AND seq = @seq",
            new { deviceId, seq }, cancellationToken: cancellationToken));
    }

    public async Task<long> CountAcceptedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM raw_messages", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ReasonCount>> CountRejectedByReasonAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<(long Code, string Name, long Count)>(new CommandDefinition(
            "SELECT reason_code, reason_name, count(*) FROM quarantine GROUP BY reason_code, reason_name ORDER BY reason_code",
            cancellationToken: cancellationToken));
        return rows.Select(r => new ReasonCount((int)r.Code, r.Name, r.Count)).ToList();
    }

    public async Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<QuarantineRow>(new CommandDefinition(
            "SELECT received_ms, topic, device_id, seq, reason_code, reason_name, detail, message, evidence FROM quarantine ORDER BY id DESC LIMIT @limit",
            new { limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new QuarantineEntry(r.received_ms, r.topic, r.device_id, r.seq, (int)r.reason_code, r.reason_name, r.detail, r.message, r.evidence)).ToList();
    }

    public void Dispose()
    {
        writer.Dispose();
        writeLock.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // FULL: the WAL is fsynced at every commit, so "committed" means "on disk" before we acknowledge.
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private sealed class QuarantineRow
    {
        public long received_ms { get; set; }
        public string topic { get; set; } = "";
        public string? device_id { get; set; }
        public long? seq { get; set; }
        public long reason_code { get; set; }
        public string reason_name { get; set; } = "";
        public string detail { get; set; } = "";
        public byte[] message { get; set; } = [];
        public byte[]? evidence { get; set; }
    }
}
