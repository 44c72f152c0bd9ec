namespace GitOrch.Store.Embedded;

internal static class SqliteSchema
{
    // busy_timeout lets several processes share the file: a writer waits for another's lock instead of failing.
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA busy_timeout = 10000;
        CREATE TABLE IF NOT EXISTS log (
            revision INTEGER PRIMARY KEY AUTOINCREMENT,
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            value BLOB,
            deleted INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS log_by_bucket ON log(bucket, revision);
        CREATE TABLE IF NOT EXISTS current (
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            revision INTEGER NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (bucket, key));
        """;
}
