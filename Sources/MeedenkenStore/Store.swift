import FluentKit
import SQLKit

/// The one door to the database. Made once from a database, it checks there that the database
/// speaks SQL (SQLite or PostgreSQL) and fails loudly if not, so no feature casts, and none
/// quietly skips its work or lets a request through when the cast would fail.
package struct Store: Sendable {
    /// For Fluent's model queries.
    package let database: any Database
    /// For the statements the store writes itself; never seen outside the store.
    let sql: any SQLDatabase
    /// The two engines Meedenken speaks; every engine-specific statement switches on this.
    package enum Engine: Sendable { case sqlite, postgres }
    package let engine: Engine

    /// Fails loudly for a database that is not SQLite or PostgreSQL: another SQL engine would get
    /// past a check for "SQL" and then meet statements written for these two.
    package init(_ database: any Database, for component: String = "Meedenken") throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: component) }
        switch sql.dialect.name {
        case "sqlite": engine = .sqlite
        case "postgresql": engine = .postgres
        default: throw NeedsSQLDatabase(component: component)
        }
        self.database = database
        self.sql = sql
    }

    package var isSQLite: Bool { engine == .sqlite }

    /// Work in one transaction, with a store on its connection.
    package func transaction<T: Sendable>(_ work: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        try await database.transaction { database in try await work(try Store(database)) }
    }
}
