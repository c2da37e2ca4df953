import FluentKit
import SQLKit

extension Store {
    /// Write-ahead logging: readers do not wait for a writer, and backups run while serving.
    package func useWriteAheadLog() async throws {
        guard isSQLite else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    /// `synchronous` (`NORMAL` or `FULL`) and a busy timeout for this SQLite connection: several
    /// connections share the file, and a writer that finds it locked waits (sleeping) instead of
    /// spinning on the CPU the other one needs. Deleted rows are overwritten with zeros
    /// (`secure_delete`), so a deleted member's address is not left in a free page of a copy.
    package func applySQLiteConnectionSettings(synchronous: String) async throws {
        guard isSQLite else { return }
        let mode = synchronous.uppercased() == "FULL" ? "FULL" : "NORMAL"
        try await sql.raw("PRAGMA synchronous=\(unsafeRaw: mode)").run()
        try await sql.raw("PRAGMA busy_timeout=10000").run()
        try await sql.raw("PRAGMA secure_delete=ON").run()
    }

    /// A consistent copy of the SQLite database into a new file (`VACUUM INTO` reads one
    /// snapshot, so it is safe while serving).
    package func backUpSQLite(to destination: String) async throws {
        try await sql.raw("VACUUM INTO \(literal: destination)").run()
    }
}
