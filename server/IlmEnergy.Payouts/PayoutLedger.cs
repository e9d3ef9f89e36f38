using IlmEnergy.Solana;
using Microsoft.Data.Sqlite;

namespace IlmEnergy.Payouts;

/// <summary>
/// The payout ledger: entitlements, signed batches and their items in one SQLite file. Every state change is
/// one SQLite transaction. Every row carries a SHA-256 of its canonical fields (a batch's also covers its items),
/// and every read verifies it, so a row changed by hand stops payouts with a <see cref="LedgerTamperedException"/>.
/// One process at a time: the ledger holds an exclusive lock on the file while open.
/// </summary>
public sealed class PayoutLedger : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly TimeProvider _time;

    private PayoutLedger(SqliteConnection db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    public static PayoutLedger Open(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        db.Open();
        Execute(db, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            CREATE TABLE IF NOT EXISTS entitlements (
                settlement_id     TEXT    NOT NULL,
                owner             TEXT    NOT NULL,
                settlement_digest TEXT    NOT NULL,
                amount            INTEGER NOT NULL CHECK (amount > 0),
                imported_ms       INTEGER NOT NULL,
                row_hash          TEXT    NOT NULL,
                PRIMARY KEY (settlement_id, owner)
            );
            CREATE TABLE IF NOT EXISTS batches (
                id                      INTEGER PRIMARY KEY,
                status                  TEXT    NOT NULL,
                signature               TEXT    NOT NULL UNIQUE,
                raw_tx                  BLOB    NOT NULL,
                blockhash               TEXT    NOT NULL,
                last_valid_block_height INTEGER NOT NULL,
                memo                    TEXT    NOT NULL,
                total                   INTEGER NOT NULL,
                created_ms              INTEGER NOT NULL,
                sent_ms                 INTEGER NULL,
                confirmed_ms            INTEGER NULL,
                error                   TEXT    NULL,
                row_hash                TEXT    NOT NULL
            );
            CREATE TABLE IF NOT EXISTS batch_items (
                batch_id        INTEGER NOT NULL REFERENCES batches(id),
                settlement_id   TEXT    NOT NULL,
                owner           TEXT    NOT NULL,
                amount          INTEGER NOT NULL,
                creates_account INTEGER NOT NULL,
                row_hash        TEXT    NOT NULL,
                PRIMARY KEY (batch_id, settlement_id, owner),
                FOREIGN KEY (settlement_id, owner) REFERENCES entitlements(settlement_id, owner)
            );
            """);
        return new PayoutLedger(db, time ?? TimeProvider.System);
    }

    /// <summary>Adds entitlements all-or-nothing. Identical rows are no-ops; a different amount or digest for an
    /// existing (settlement id, owner) refuses the whole import.</summary>
    public ImportResult Import(IEnumerable<Entitlement> entitlements)
    {
        ArgumentNullException.ThrowIfNull(entitlements);
        using var tx = _db.BeginTransaction();
        int added = 0, present = 0;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var e in entitlements)
        {
            var existing = FindEntitlement(tx, e.SettlementId, e.Owner);
            if (existing is not null)
            {
                if (existing.Amount != e.Amount || existing.SettlementDigest != e.SettlementDigest)
                    throw new EntitlementConflictException(
                        $"Settlement {e.SettlementId} already entitles {e.Owner} to {existing.Amount} (digest {existing.SettlementDigest[..16]}…); " +
                        $"the import says {e.Amount} (digest {e.SettlementDigest[..16]}…). Nothing was imported; settle a correction as a new settlement id.");
                present++;
                continue;
            }
            Execute(_db, tx, "INSERT INTO entitlements VALUES ($s, $o, $d, $a, $t, $h)",
                ("$s", e.SettlementId), ("$o", e.Owner.ToBase58()), ("$d", e.SettlementDigest), ("$a", (long)e.Amount), ("$t", now), ("$h", RowHash.Of(e.Canonical)));
            added++;
        }
        tx.Commit();
        return new ImportResult(added, present);
    }

    /// <summary>Entitlements not held by a signed, sent or confirmed batch, in settlement then owner order.</summary>
    public IReadOnlyList<Entitlement> PendingEntitlements() =>
        Rows().Where(r => r.State == PayoutState.Pending).Select(r => new Entitlement(r.SettlementId, r.SettlementDigest, r.Owner, r.Amount, checkOwnerOnCurve: false)).ToList();

    /// <summary>Every entitlement with its state; verifies every row of the ledger first.</summary>
    public IReadOnlyList<PayoutRow> Rows()
    {
        var batches = Batches();
        var holding = new Dictionary<(string, string), PayoutBatch>();
        foreach (var batch in batches.Where(b => PayoutBatch.Holds(b.Status)))
            foreach (var item in batch.Items)
                if (!holding.TryAdd((item.SettlementId, item.Owner.ToBase58()), batch))
                    throw new LedgerTamperedException($"Entitlement ({item.SettlementId}, {item.Owner}) is held by two live batches ({holding[(item.SettlementId, item.Owner.ToBase58())].Id} and {batch.Id}); the ledger was changed outside this program. Refusing to pay.");

        var rows = new List<PayoutRow>();
        foreach (var e in AllEntitlements())
        {
            if (!holding.TryGetValue((e.SettlementId, e.Owner.ToBase58()), out var b))
            {
                rows.Add(new PayoutRow(e.SettlementId, e.SettlementDigest, e.Owner, e.Amount, PayoutState.Pending, null, null, null));
                continue;
            }
            var item = b.Items.Single(i => i.SettlementId == e.SettlementId && i.Owner == e.Owner);
            if (item.Amount != e.Amount)
                throw new LedgerTamperedException($"Batch {b.Id} pays {item.Amount} for ({e.SettlementId}, {e.Owner}) but the entitlement is {e.Amount}; the ledger was changed outside this program.");
            var state = b.Status == BatchStatus.Confirmed ? PayoutState.Paid : PayoutState.InFlight;
            rows.Add(new PayoutRow(e.SettlementId, e.SettlementDigest, e.Owner, e.Amount, state, b.Id, b.Signature, b.ConfirmedAt));
        }
        return rows;
    }

    public IReadOnlyList<PayoutBatch> UnfinishedBatches() => Batches().Where(b => b.IsUnfinished).ToList();

    /// <summary>Every batch with its items, oldest first; each row verified against its hash.</summary>
    public IReadOnlyList<PayoutBatch> Batches()
    {
        var items = new Dictionary<long, List<BatchItem>>();
        using (var cmd = Command(_db, null, "SELECT batch_id, settlement_id, owner, amount, creates_account, row_hash FROM batch_items ORDER BY batch_id, settlement_id, owner"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var batchId = r.GetInt64(0);
                var item = new BatchItem(r.GetString(1), ParseOwner(r.GetString(2), "batch_items"), checked((ulong)r.GetInt64(3)), r.GetInt64(4) != 0);
                if (RowHash.Of(item.Canonical(batchId)) != r.GetString(5))
                    throw Tampered($"batch_items(batch {batchId}, settlement {item.SettlementId}, owner {item.Owner})");
                (items.TryGetValue(batchId, out var list) ? list : items[batchId] = []).Add(item);
            }

        var batches = new List<PayoutBatch>();
        using (var cmd = Command(_db, null, "SELECT id, status, signature, raw_tx, blockhash, last_valid_block_height, memo, total, created_ms, sent_ms, confirmed_ms, error, row_hash FROM batches ORDER BY id"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var id = r.GetInt64(0);
                if (!Enum.TryParse<BatchStatus>(r.GetString(1), ignoreCase: false, out var status))
                    throw Tampered($"batches(id {id}) with unknown status '{r.GetString(1)}'");
                var batch = new PayoutBatch(id, status, r.GetString(2), (byte[])r[3], r.GetString(4), checked((ulong)r.GetInt64(5)), r.GetString(6),
                    checked((ulong)r.GetInt64(7)), FromMs(r.GetInt64(8))!.Value, r.IsDBNull(9) ? null : FromMs(r.GetInt64(9)),
                    r.IsDBNull(10) ? null : FromMs(r.GetInt64(10)), r.IsDBNull(11) ? null : r.GetString(11),
                    items.Remove(id, out var list) ? list : []);
                if (BatchHash(batch) != r.GetString(12))
                    throw Tampered($"batches(id {id})");
                batches.Add(batch);
            }
        if (items.Count > 0)
            throw Tampered($"batch_items of batch {items.Keys.First()}, which has no batch row");
        return batches;
    }

    public long NextBatchId()
    {
        using var cmd = Command(_db, null, "SELECT COALESCE(MAX(id), 0) + 1 FROM batches");
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Base units in signed, sent or confirmed batches created at or after <paramref name="since"/>, in total and per owner.</summary>
    public (ulong Total, IReadOnlyDictionary<PublicKey, ulong> PerOwner) OutflowSince(DateTimeOffset since)
    {
        ulong total = 0;
        var perOwner = new Dictionary<PublicKey, ulong>();
        foreach (var batch in Batches().Where(b => PayoutBatch.Holds(b.Status) && b.CreatedAt >= since))
        {
            total = checked(total + batch.Total);
            foreach (var item in batch.Items)
                perOwner[item.Owner] = checked(perOwner.GetValueOrDefault(item.Owner) + item.Amount);
        }
        return (total, perOwner);
    }

    /// <summary>Stores a signed batch and claims its items in one transaction, before anything is sent. Refuses an
    /// item already held by a live batch or differing from its entitlement, and a second unfinished batch.</summary>
    public void StoreSigned(PayoutBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Status != BatchStatus.Signed)
            throw new ArgumentException("A batch is stored in the Signed state.", nameof(batch));
        if (batch.Items.Count == 0 || batch.Total != batch.Items.Aggregate(0UL, (sum, i) => checked(sum + i.Amount)))
            throw new ArgumentException($"Batch {batch.Id}: total {batch.Total} does not equal the sum of its {batch.Items.Count} items.", nameof(batch));
        var rows = Rows(); // verifies the whole ledger
        if (UnfinishedBatches().FirstOrDefault() is { } open)
            throw new InvalidOperationException($"Batch {open.Id} is still {open.Status}; only one batch may be in flight. Reconcile first.");
        foreach (var item in batch.Items)
        {
            var row = rows.SingleOrDefault(r => r.SettlementId == item.SettlementId && r.Owner == item.Owner)
                ?? throw new InvalidOperationException($"Batch {batch.Id} pays ({item.SettlementId}, {item.Owner}), which is not an imported entitlement.");
            if (row.State != PayoutState.Pending)
                throw new InvalidOperationException($"Entitlement ({item.SettlementId}, {item.Owner}) is already {row.State} in batch {row.BatchId}; refusing to pay it twice.");
            if (row.Amount != item.Amount)
                throw new InvalidOperationException($"Batch {batch.Id} pays {item.Amount} to {item.Owner} but the entitlement is {row.Amount}.");
        }

        using var tx = _db.BeginTransaction();
        Execute(_db, tx, """
            INSERT INTO batches (id, status, signature, raw_tx, blockhash, last_valid_block_height, memo, total, created_ms, sent_ms, confirmed_ms, error, row_hash)
            VALUES ($id, $st, $sig, $raw, $bh, $lv, $memo, $total, $c, NULL, NULL, NULL, $h)
            """,
            ("$id", batch.Id), ("$st", batch.Status.ToString()), ("$sig", batch.Signature), ("$raw", batch.RawTransaction), ("$bh", batch.Blockhash),
            ("$lv", (long)batch.LastValidBlockHeight), ("$memo", batch.Memo), ("$total", (long)batch.Total), ("$c", batch.CreatedAt.ToUnixTimeMilliseconds()), ("$h", BatchHash(batch)));
        foreach (var item in batch.Items)
            Execute(_db, tx, "INSERT INTO batch_items VALUES ($b, $s, $o, $a, $c, $h)",
                ("$b", batch.Id), ("$s", item.SettlementId), ("$o", item.Owner.ToBase58()), ("$a", (long)item.Amount), ("$c", item.CreatesAccount ? 1 : 0), ("$h", RowHash.Of(item.Canonical(batch.Id))));
        tx.Commit();
    }

    public PayoutBatch MarkSent(long id) => Transition(id, b => b.Status == BatchStatus.Signed ? b with { Status = BatchStatus.Sent, SentAt = _time.GetUtcNow() } : b);

    public PayoutBatch MarkConfirmed(long id) => Transition(id, b => b with { Status = BatchStatus.Confirmed, ConfirmedAt = _time.GetUtcNow() });

    public PayoutBatch MarkExpired(long id) => Transition(id, b => b with { Status = BatchStatus.Expired });

    public PayoutBatch MarkFailed(long id, string error) => Transition(id, b => b with { Status = BatchStatus.Failed, Error = error });

    /// <summary>Moves an unfinished batch to its next state in one transaction; a finished batch never changes again.</summary>
    private PayoutBatch Transition(long id, Func<PayoutBatch, PayoutBatch> change)
    {
        var current = Batches().SingleOrDefault(b => b.Id == id) ?? throw new InvalidOperationException($"No batch {id} in the ledger.");
        if (!current.IsUnfinished)
            throw new InvalidOperationException($"Batch {id} is already {current.Status}; a finished batch never changes.");
        var next = change(current);
        using var tx = _db.BeginTransaction();
        var changed = Execute(_db, tx, "UPDATE batches SET status = $st, sent_ms = $s, confirmed_ms = $c, error = $e, row_hash = $h WHERE id = $id AND row_hash = $old",
            ("$st", next.Status.ToString()), ("$s", next.SentAt?.ToUnixTimeMilliseconds()), ("$c", next.ConfirmedAt?.ToUnixTimeMilliseconds()),
            ("$e", next.Error), ("$h", BatchHash(next)), ("$id", id), ("$old", BatchHash(current)));
        if (changed != 1)
            throw new InvalidOperationException($"Batch {id} changed underneath this transition; refusing to continue.");
        tx.Commit();
        return next;
    }

    private IEnumerable<Entitlement> AllEntitlements()
    {
        var list = new List<Entitlement>();
        using var cmd = Command(_db, null, "SELECT settlement_id, owner, settlement_digest, amount, row_hash FROM entitlements ORDER BY imported_ms, settlement_id, owner");
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(ReadEntitlement(r));
        return list;
    }

    private Entitlement? FindEntitlement(SqliteTransaction tx, string settlementId, PublicKey owner)
    {
        using var cmd = Command(_db, tx, "SELECT settlement_id, owner, settlement_digest, amount, row_hash FROM entitlements WHERE settlement_id = $s AND owner = $o",
            ("$s", settlementId), ("$o", owner.ToBase58()));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadEntitlement(r) : null;
    }

    private static Entitlement ReadEntitlement(SqliteDataReader r)
    {
        var where = $"entitlements(settlement {r.GetString(0)}, owner {r.GetString(1)})";
        Entitlement e;
        try
        {
            e = new Entitlement(r.GetString(0), r.GetString(2), ParseOwner(r.GetString(1), "entitlements"), checked((ulong)r.GetInt64(3)), checkOwnerOnCurve: false);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or LedgerTamperedException)
        {
            throw Tampered(where + ": " + ex.Message);
        }
        if (RowHash.Of(e.Canonical) != r.GetString(4))
            throw Tampered(where);
        return e;
    }

    private static string BatchHash(PayoutBatch b)
    {
        var items = RowHash.Of(string.Join("\n", b.Items.OrderBy(i => i.SettlementId, StringComparer.Ordinal).ThenBy(i => i.Owner.ToBase58(), StringComparer.Ordinal).Select(i => i.Canonical(b.Id))));
        return RowHash.Of(string.Join('|', "batch", "v1", b.Id, b.Status, b.Signature, RowHash.Of(b.RawTransaction), b.Blockhash, b.LastValidBlockHeight, b.Memo, b.Total,
            b.CreatedAt.ToUnixTimeMilliseconds(), b.SentAt?.ToUnixTimeMilliseconds(), b.ConfirmedAt?.ToUnixTimeMilliseconds(), b.Error, items));
    }

    private static PublicKey ParseOwner(string text, string table) =>
        PublicKey.TryParse(text, out var key) ? key! : throw Tampered($"{table} row with owner '{text}', which is not a Solana address");

    private static LedgerTamperedException Tampered(string where) =>
        new($"Ledger row {where} does not match its integrity hash: it was changed outside this program. " +
            "Refusing to plan or pay. Restore the ledger from a backup, or investigate with `ilm payouts status`.");

    private static DateTimeOffset? FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static int Execute(SqliteConnection db, SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(db, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = Command(db, null, sql);
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();

    internal SqliteConnection ConnectionForTests => _db;
}
