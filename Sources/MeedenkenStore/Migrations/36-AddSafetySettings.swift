import FluentKit

/// Settings for the safety net (DESIGN §4.7): the help lines respondent pages show (empty: the
/// Dutch defaults), who is on duty for answers that may signal danger, and after how many hours
/// an unanswered signal goes to the administrators too (empty: the default).
package struct AddSafetySettings: AsyncMigration {
    package var name: String { "Meedenken.AddSafetySettings" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("organisation_settings")
            .field("help_lines", .string)
            .update()
        try await database.schema("organisation_settings")
            .field("on_duty", .string)
            .update()
        try await database.schema("organisation_settings")
            .field("escalation_hours", .int)
            .update()
    }

    package func revert(on database: any Database) async throws {
        for column in ["help_lines", "on_duty", "escalation_hours"] {
            try await database.schema("organisation_settings").deleteField(.string(column)).update()
        }
    }
}
