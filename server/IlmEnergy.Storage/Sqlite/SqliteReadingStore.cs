using Microsoft.Data.Sqlite;

namespace IlmEnergy.Storage.Sqlite;

/// <summary>
/// Readings in an embedded SQLite file: one table keyed by (device, ts), WAL mode, each WriteAsync one
/// transaction of upserts. Re-writing a point replaces it, so redelivered batches never duplicate.
/// The default for first runs and small pilots; see docs/storage.md.
/// </summary>
public sealed class SqliteReadingStore : IReadingStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS reading (
            device  TEXT    NOT NULL,
            ts      INTEGER NOT NULL,  -- sample time, Unix ms UTC
            board   TEXT    NOT NULL,
            e_mwh   INTEGER NOT NULL,
            p_mw    INTEGER NOT NULL,
            v_mv    INTEGER NOT NULL,
            i_ma    INTEGER NOT NULL,
            relay   INTEGER NOT NULL,  -- 1 = closed
            seq     INTEGER NOT NULL,
            flags   INTEGER NOT NULL,
            PRIMARY KEY (device, ts)
        ) WITHOUT ROWID;
        """;

    private const string Upsert = """
        INSERT INTO reading (device, ts, board, e_mwh, p_mw, v_mv, i_ma, relay, seq, flags)
        VALUES ($device, $ts, $board, $e, $p, $v, $i, $relay, $seq, $flags)
        ON CONFLICT (device, ts) DO UPDATE SET
            board = excluded.board, e_mwh = excluded.e_mwh, p_mw = excluded.p_mw, v_mv = excluded.v_mv,
            i_ma = excluded.i_ma, relay = excluded.relay, seq = excluded.seq, flags = excluded.flags;
        """;

    private readonly string connectionString;
    // One writer at a time: SQLite serialises writers anyway, this avoids busy retries.
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private string? lastError;

    /// <param name="databasePath">File path; created with its table when missing.</param>
    public SqliteReadingStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public async Task WriteAsync(IReadOnlyList<ReadingPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) return;
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Upsert;
            var device = command.Parameters.Add("$device", SqliteType.Text);
            var ts = command.Parameters.Add("$ts", SqliteType.Integer);
            var board = command.Parameters.Add("$board", SqliteType.Text);
            var e = command.Parameters.Add("$e", SqliteType.Integer);
            var p = command.Parameters.Add("$p", SqliteType.Integer);
            var v = command.Parameters.Add("$v", SqliteType.Integer);
            var i = command.Parameters.Add("$i", SqliteType.Integer);
            var relay = command.Parameters.Add("$relay", SqliteType.Integer);
            var seq = command.Parameters.Add("$seq", SqliteType.Integer);
            var flags = command.Parameters.Add("$flags", SqliteType.Integer);
            command.Prepare();
            foreach (var point in points)
            {
                device.Value = point.DeviceId;
                ts.Value = point.TimestampMs;
                board.Value = point.Board;
                e.Value = point.EnergyMilliWattHours;
                p.Value = point.PowerMilliWatts;
                v.Value = point.VoltageMilliVolts;
                i.Value = point.CurrentMilliAmps;
                relay.Value = point.RelayClosed ? 1 : 0;
                seq.Value = point.Seq;
                flags.Value = point.Flags;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            lastError = null;
        }
        catch (SqliteException ex)
        {
            lastError = ex.Message;
            throw new StoreUnavailableException("Could not store readings in SQLite: " + ex.Message, ex);
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<ReadingPoint>> ReadAsync(string deviceId, long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (toMs <= fromMs) return [];
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT device, board, ts, e_mwh, p_mw, v_mv, i_ma, relay, seq, flags FROM reading
            WHERE device = $device AND ts >= $from AND ts < $to ORDER BY ts
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$from", fromMs);
        command.Parameters.AddWithValue("$to", toMs);
        var points = new List<ReadingPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new ReadingPoint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7) != 0, reader.GetInt64(8), reader.GetInt32(9)));
        }
        return points;
    }

    public StoreHealth GetHealth() => new("sqlite", lastError is null, 0, 0, 0, lastError);

    public ValueTask DisposeAsync()
    {
        writeGate.Dispose();
        // Release pooled handles so the file can be moved or deleted after disposal.
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Per connection: full fsync at commit makes a returned WriteAsync survive power loss.
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
