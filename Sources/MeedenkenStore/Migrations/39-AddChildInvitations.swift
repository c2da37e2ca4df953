import FluentKit
import SQLKit

/// Children of 8 to 11 are invited through a parent's or foster parent's mail: their
/// invitation names the adult's (`companion_of`). Closures count one more reason for not
/// inviting someone (too young). Frozen: plain SQL, no live code.
package struct AddChildInvitations: AsyncMigration {
    package var name: String { "Meedenken.AddChildInvitations" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One transaction: an interrupted upgrade leaves nothing half done to trip over.
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "AddChildInvitations") }
            try await sql.raw("ALTER TABLE invitations ADD COLUMN companion_of UUID REFERENCES invitations (id) ON DELETE CASCADE").run()
            try await sql.raw("CREATE INDEX invitations_companion_of ON invitations (companion_of)").run()
            try await sql.raw("ALTER TABLE trajectory_closures ADD COLUMN skipped_too_young BIGINT NOT NULL DEFAULT 0").run()
        }
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DROP INDEX invitations_companion_of").run()
        for (table, column) in [("invitations", "companion_of"), ("trajectory_closures", "skipped_too_young")] {
            try await sql.raw("ALTER TABLE \(unsafeRaw: table) DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
