import SQLKit

extension Store {
    /// Whether Fluent's bookkeeping table exists: on a brand-new database it does not yet, and
    /// every migration is pending.
    package func hasMigrationLog() async throws -> Bool {
        let query: SQLQueryString =
            isSQLite
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = '_fluent_migrations' AND table_schema = current_schema()"
        return (try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
}
