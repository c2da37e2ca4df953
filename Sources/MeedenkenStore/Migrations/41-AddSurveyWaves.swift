import FluentKit
import SQLKit

/// A satisfaction survey wave invites current clients within a period: the questionnaire keeps
/// the wave's first and last day, and each wave invitation a key for the person, unique per
/// questionnaire, so nobody is invited twice to one wave. Frozen: plain SQL, no live code.
package struct AddSurveyWaves: AsyncMigration {
    package var name: String { "Meedenken.AddSurveyWaves" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One transaction: an interrupted upgrade leaves nothing half done to trip over.
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "AddSurveyWaves") }
            try await sql.raw("ALTER TABLE questionnaires ADD COLUMN wave_starts_on TEXT").run()
            try await sql.raw("ALTER TABLE questionnaires ADD COLUMN wave_ends_on TEXT").run()
            try await sql.raw("ALTER TABLE invitations ADD COLUMN wave_person_key TEXT").run()
            // NULL (closures' invitations) never collides, on SQLite and PostgreSQL alike.
            try await sql.raw("CREATE UNIQUE INDEX invitations_wave_person ON invitations (questionnaire_id, wave_person_key)").run()
        }
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DROP INDEX invitations_wave_person").run()
        for (table, column) in [("questionnaires", "wave_starts_on"), ("questionnaires", "wave_ends_on"), ("invitations", "wave_person_key")] {
            try await sql.raw("ALTER TABLE \(unsafeRaw: table) DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
