using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace GitOrch.Store.Embedded;

/// <summary>
/// The embedded store: one SQLite file in WAL mode that several processes on a machine can share.
/// Every write appends to a revision log (whose row id is the revision) and updates a table of current
/// values in the same transaction; watchers tail the log.
/// </summary>
public sealed class SqliteObjectStore : IObjectStore
{
    /// <summary>How soon a watch sees another process's write; this process's own writes wake its watches at once.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly WritePulse _pulse = new();
    private readonly OtherWriters _otherWriters;

    private SqliteObjectStore(SqliteConnection connection, string description)
    {
        _connection = connection;
        Description = description;
        _otherWriters = new OtherWriters(_pulse, cancellationToken => WithLockAsync(HeadRevision, cancellationToken), PollInterval);
    }

    public string Description { get; }

    public static SqliteObjectStore Open(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, SqliteSchema.Create);
            return new SqliteObjectStore(connection, $"file {Path.GetFullPath(path)}");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"cannot open the embedded store at {path}: {e.Message}", e);
        }
    }

    public Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        WithLockAsync(() => ReadCurrent(bucket, key), cancellationToken);

    public Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<StoreEntry>>(() => ListCurrent(bucket, prefix), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> ListRevisionsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyDictionary<string, long>>(() => ListRevisions(bucket, prefix), cancellationToken);

    public Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        WriteAsync(bucket, key, value, current =>
            current is null ? null : $"key exists at revision {current.Revision}", cancellationToken);

    public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) =>
        WriteAsync(bucket, key, value, current => ExpectRevision(current, expectedRevision), cancellationToken);

    public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        WriteAsync(bucket, key, value, _ => null, cancellationToken);

    public async Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        await WriteAsync(bucket, key, null, current =>
            expectedRevision is { } expected && current is not null ? ExpectRevision(current, expected) : null, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _otherWriters.EnsureWatching();
        var after = fromRevision;
        if (fromRevision == 0)
        {
            var (snapshot, head) = await WithLockAsync(() => (ListCurrent(bucket, prefix), HeadRevision()), cancellationToken);
            foreach (var entry in snapshot)
                yield return new WatchEvent(WatchEventType.Put, entry.Key, entry.Value, entry.Revision);
            after = head;
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = _pulse.Next;
            var changes = await WithLockAsync(() => ReadLog(bucket, prefix, after), cancellationToken);
            foreach (var change in changes)
            {
                after = change.Revision;
                yield return change;
            }
            if (changes.Count == 0)
                await wake.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _otherWriters.DisposeAsync();
        _connection.Dispose();
        _lock.Dispose();
    }

    private static string? ExpectRevision(StoreEntry? current, long expected) =>
        current is null ? "key does not exist"
        : current.Revision != expected ? $"expected revision {expected}, found {current.Revision}"
        : null;

    /// <summary>Writes (or, with a null value, deletes) in one immediate transaction, after checking the current entry.</summary>
    private async Task<long> WriteAsync(string bucket, string key, byte[]? value, Func<StoreEntry?, string?> check, CancellationToken cancellationToken)
    {
        var revision = await WithLockAsync(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var current = ReadCurrent(bucket, key);
            if (check(current) is { } problem)
                throw new ConflictException(bucket, key, problem);
            if (value is null && current is null)
                return 0;
            var revision = (long)Scalar("INSERT INTO log(bucket, key, value, deleted) VALUES ($b, $k, $v, $d); SELECT last_insert_rowid();",
                ("$b", bucket), ("$k", key), ("$v", (object?)value ?? DBNull.Value), ("$d", value is null ? 1 : 0))!;
            if (value is null)
                Scalar("DELETE FROM current WHERE bucket = $b AND key = $k", ("$b", bucket), ("$k", key));
            else
                Scalar("INSERT INTO current(bucket, key, revision, value) VALUES ($b, $k, $r, $v) " +
                       "ON CONFLICT(bucket, key) DO UPDATE SET revision = excluded.revision, value = excluded.value",
                    ("$b", bucket), ("$k", key), ("$r", revision), ("$v", value));
            transaction.Commit();
            return revision;
        }, cancellationToken);
        _pulse.Signal();
        return revision;
    }

    private StoreEntry? ReadCurrent(string bucket, string key)
    {
        using var command = Command("SELECT key, value, revision FROM current WHERE bucket = $b AND key = $k", ("$b", bucket), ("$k", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoreEntry(reader.GetString(0), (byte[])reader[1], reader.GetInt64(2)) : null;
    }

    private Dictionary<string, long> ListRevisions(string bucket, string prefix)
    {
        using var command = Command("SELECT key, revision FROM current WHERE bucket = $b AND key >= $p AND key < $end",
            ("$b", bucket), ("$p", prefix), ("$end", PrefixEnd(prefix)));
        using var reader = command.ExecuteReader();
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
            revisions[reader.GetString(0)] = reader.GetInt64(1);
        return revisions;
    }

    private List<StoreEntry> ListCurrent(string bucket, string prefix)
    {
        using var command = Command("SELECT key, value, revision FROM current WHERE bucket = $b AND key >= $p AND key < $end ORDER BY key",
            ("$b", bucket), ("$p", prefix), ("$end", PrefixEnd(prefix)));
        using var reader = command.ExecuteReader();
        var entries = new List<StoreEntry>();
        while (reader.Read())
            entries.Add(new StoreEntry(reader.GetString(0), (byte[])reader[1], reader.GetInt64(2)));
        return entries;
    }

    private List<WatchEvent> ReadLog(string bucket, string prefix, long after)
    {
        using var command = Command("SELECT revision, key, value, deleted FROM log WHERE bucket = $b AND revision > $r " +
                                    "AND key >= $p AND key < $end ORDER BY revision LIMIT 1000",
            ("$b", bucket), ("$r", after), ("$p", prefix), ("$end", PrefixEnd(prefix)));
        using var reader = command.ExecuteReader();
        var events = new List<WatchEvent>();
        while (reader.Read())
        {
            var deleted = reader.GetInt64(3) == 1;
            events.Add(new WatchEvent(deleted ? WatchEventType.Delete : WatchEventType.Put, reader.GetString(1),
                deleted ? null : (byte[])reader[2], reader.GetInt64(0)));
        }
        return events;
    }

    private long HeadRevision() => (long)(Scalar("SELECT coalesce(max(revision), 0) FROM log") ?? 0L);

    private object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>A key after every key with the prefix, which ends with '.', so that a range on the primary key finds them.</summary>
    private static string PrefixEnd(string prefix) => prefix.Length == 0 ? "\U0010FFFF" : prefix[..^1] + (char)(prefix[^1] + 1);

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<T> WithLockAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return action();
        }
        finally
        {
            _lock.Release();
        }
    }
}
