using Dapper;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Registry;

/// <summary>The embedded registry: one SQLite file in WAL mode, safe for one process with many threads.</summary>
public sealed class SqliteDeviceRegistry : IDeviceRegistry
{
    private readonly string connectionString;

    public SqliteDeviceRegistry(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        connection.Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS devices (
                device_id     TEXT    NOT NULL PRIMARY KEY,
                public_key    BLOB    NOT NULL CHECK (length(public_key) = 32),
                board         TEXT    NOT NULL,
                status        INTEGER NOT NULL,
                owner_wallet  TEXT    NULL,
                firmware      TEXT    NULL,
                first_seen_ms INTEGER NOT NULL,
                last_seen_ms  INTEGER NOT NULL
            );
            """);
    }

    public async Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT * FROM devices WHERE device_id = @deviceId", new { deviceId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<DeviceRecord> RegisterAsync(string deviceId, byte[] publicKey, string board, DeviceStatus status, long nowMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.Length != 32) throw new ArgumentException("An Ed25519 public key has 32 bytes.", nameof(publicKey));
        await using var connection = Open();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO devices (device_id, public_key, board, status, owner_wallet, firmware, first_seen_ms, last_seen_ms)
            VALUES (@deviceId, @publicKey, @board, @status, NULL, NULL, @nowMs, @nowMs)
            ON CONFLICT (device_id) DO NOTHING
            """, new { deviceId, publicKey, board, status = (int)status, nowMs }, cancellationToken: cancellationToken));
        return (await FindAsync(deviceId, cancellationToken))!;
    }

    public async Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE devices SET status = @status WHERE device_id = @deviceId",
            new { deviceId, status = (int)status }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> SetOwnerAsync(string deviceId, string ownerWallet, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerWallet);
        await using var connection = Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE devices SET owner_wallet = @ownerWallet, status = @active WHERE device_id = @deviceId",
            new { deviceId, ownerWallet, active = (int)DeviceStatus.Active }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task TouchAsync(string deviceId, long lastSeenMs, string? firmwareVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE devices
            SET last_seen_ms = max(last_seen_ms, @lastSeenMs),
                firmware = coalesce(@firmwareVersion, firmware)
            WHERE device_id = @deviceId
            """, new { deviceId, lastSeenMs, firmwareVersion }, cancellationToken: cancellationToken));
    }

    public async Task TouchManyAsync(IReadOnlyCollection<DeviceSighting> sightings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        if (sightings.Count == 0) return;
        await using var connection = Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE devices
            SET last_seen_ms = max(last_seen_ms, @LastSeenMs),
                firmware = coalesce(@FirmwareVersion, firmware)
            WHERE device_id = @DeviceId
            """, sightings, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT * FROM devices ORDER BY device_id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    // Column names as SQLite returns them; Dapper maps by name.
    private sealed class Row
    {
        public string device_id { get; set; } = "";
        public byte[] public_key { get; set; } = [];
        public string board { get; set; } = "";
        public long status { get; set; }
        public string? owner_wallet { get; set; }
        public string? firmware { get; set; }
        public long first_seen_ms { get; set; }
        public long last_seen_ms { get; set; }

        public DeviceRecord ToRecord() =>
            new(device_id, public_key, board, (DeviceStatus)status, owner_wallet, firmware, first_seen_ms, last_seen_ms);
    }
}
