import FluentKit
import SQLKit

/// The organisation's choice of "je" or "u" for adults in mails; "u" until an administrator
/// chooses, which is how the starter questionnaires address parents. Frozen: plain SQL.
package struct AddAdultFormOfAddress: AsyncMigration {
    package var name: String { "Meedenken.AddAdultFormOfAddress" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One transaction: an interrupted upgrade leaves nothing half done to trip over.
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "AddAdultFormOfAddress") }
            try await sql.raw("ALTER TABLE organisation_settings ADD COLUMN adult_form_of_address TEXT NOT NULL DEFAULT 'u'").run()
        }
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("ALTER TABLE organisation_settings DROP COLUMN adult_form_of_address").run()
    }
}
