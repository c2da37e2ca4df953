import FluentKit

/// People who signed up to think along: only what is needed to ask them (DOMAIN "Privacy").
package struct CreatePanelMember: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelMember" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("panel_members")
            .id()
            .field("first_name", .string, .required)
            .field("email", .string, .required)
            .field("email_hash", .string, .required)
            .field("phone", .string)
            .field("role", .string, .required)
            .field("birth_year", .int)
            .field("language", .string, .required)
            .field("ways", .string, .required)
            .field("topics", .string, .required)
            .field("team_id", .uuid, .references("teams", .id, onDelete: .setNull))
            .field("region_id", .uuid, .references("regions", .id, onDelete: .setNull))
            .field("needs", .string, .required)
            .field("status", .string, .required)
            .field("consent_rule", .string, .required)
            .field("source", .string, .required)
            .field("parent_email", .string)
            .field("frequency_days", .int)
            .field("last_asked_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("consent_expires_at", .datetime)
            .field("renewal_sent_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "email_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("panel_members").delete()
    }
}
