import FluentKit
import SQLKit

/// The `mix` column that `ArrivalHiding` changes when PostgreSQL writes a response again among
/// new ones, with an index on it (so the new version cannot stay where the old one was), and an
/// index on the day (to pick the day's earlier responses). Rows stored before this migration lie
/// in the order they arrived: on PostgreSQL they get a random `mix` and the tables are rewritten
/// in that order once (`CLUSTER`); on SQLite they get random row ids, as new rows do. SQLite
/// gets the column too, so the two engines have the same columns; row ids do its work there.
///
/// Frozen: plain SQL, no live code.
package struct AddArrivalMixing: AsyncMigration {
    package var name: String { "Meedenken.AddArrivalMixing" }
    package init() {}

    private static let tables = ["responses", "response_answers", "open_answer_reviews"]

    package func prepare(on database: any Database) async throws {
        // One transaction: an interrupted upgrade leaves nothing half done to trip over.
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else {
                throw NeedsSQLDatabase(component: name)
            }
            for table in Self.tables {
                try await sql.raw("ALTER TABLE \(unsafeRaw: table) ADD COLUMN mix BIGINT NOT NULL DEFAULT 0").run()
            }
            guard sql.dialect.name == "postgresql" else {
                for table in Self.tables {
                    try await sql.raw("UPDATE \(unsafeRaw: table) SET rowid = (random() & 4611686018427387903) + 1").run()
                }
                return
            }
            try await sql.raw("CREATE INDEX responses_submitted_on ON responses (submitted_on)").run()
            for table in Self.tables {
                try await sql.raw("UPDATE \(unsafeRaw: table) SET mix = floor(random() * 4611686018427387903)::bigint + 1").run()
                try await sql.raw("CREATE INDEX \(unsafeRaw: table)_mix ON \(unsafeRaw: table) (mix)").run()
                try await sql.raw("CLUSTER \(unsafeRaw: table) USING \(unsafeRaw: table)_mix").run()
            }
        }
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX responses_submitted_on").run()
            for table in Self.tables { try await sql.raw("DROP INDEX \(unsafeRaw: table)_mix").run() }
        }
        for table in Self.tables { try await sql.raw("ALTER TABLE \(unsafeRaw: table) DROP COLUMN mix").run() }
    }
}
