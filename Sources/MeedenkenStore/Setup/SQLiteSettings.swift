import FluentKit
import SQLKit

extension Store {
    /// `PRAGMA cache_size` in KiB (negative: a size, not a page count).
    package static let sqliteCacheKibibytes = -65_536

    /// Write-ahead logging: readers do not wait for a writer, and backups run while serving.
    package func useWriteAheadLog() async throws {
        guard isSQLite else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    /// `synchronous` (`NORMAL` or `FULL`) and a busy timeout for this SQLite connection: several
    /// connections share the file, and a writer that finds it locked waits (sleeping) instead of
    /// spinning on the CPU the other one needs. Deleted rows are overwritten with zeros
    /// (`secure_delete`), so a deleted member's address is not left in a free page of a copy.
    /// Temporary tables and statement journals stay in memory (`temp_store`): no copies of
    /// pages with personal data in temporary files, and a statement that inserts many rows at
    /// once does not open and write a file. Each connection keeps up to 64 MiB of pages (the
    /// default is 2 MiB): a send or a wave touches the same index pages thousands of times, and
    /// every page read past the cache is a system call.
    package func applySQLiteConnectionSettings(synchronous: String) async throws {
        guard isSQLite else { return }
        let mode = synchronous.uppercased() == "FULL" ? "FULL" : "NORMAL"
        try await sql.raw("PRAGMA synchronous=\(unsafeRaw: mode)").run()
        try await sql.raw("PRAGMA busy_timeout=10000").run()
        try await sql.raw("PRAGMA secure_delete=ON").run()
        try await sql.raw("PRAGMA temp_store=MEMORY").run()
        try await sql.raw("PRAGMA cache_size=\(unsafeRaw: String(Self.sqliteCacheKibibytes))").run()
    }

    /// A consistent copy of the SQLite database into a new file (`VACUUM INTO` reads one
    /// snapshot, so it is safe while serving).
    package func backUpSQLite(to destination: String) async throws {
        try await sql.raw("VACUUM INTO \(literal: destination)").run()
    }
}

extension Store {
    /// After personal data is deleted: SQLite keeps the pages as they were before in its
    /// write-ahead log until a checkpoint, so a copy of the database with its `-wal` file
    /// would still hold them. This copies the log into the database file (where
    /// `secure_delete` zeroed the deleted rows) and cuts the log to nothing. It never waits for
    /// a reader (an export): then it returns false, and the response writer's next quiet moment
    /// or the daily retention run empties the log. PostgreSQL has nothing to do here.
    @discardableResult
    package func emptyWriteAheadLog() async throws -> Bool {
        guard isSQLite else { return true }
        return try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { throw NeedsSQLDatabase(component: "emptying the write-ahead log") }
            try await sql.raw("PRAGMA busy_timeout=0").run()
            let busy = try? await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()?.decode(column: "busy", as: Int.self)
            try await sql.raw("PRAGMA busy_timeout=10000").run()
            return busy == 0
        }
    }
}
