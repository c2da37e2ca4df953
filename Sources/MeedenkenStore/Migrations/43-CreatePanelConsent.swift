import FluentKit

/// What a member (or their parent) agreed to, when, and which text they were shown.
package struct CreatePanelConsent: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelConsent" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("panel_consents")
            .id()
            .field("member_id", .uuid, .required, .references("panel_members", .id, onDelete: .cascade))
            .field("given_by", .string, .required)
            .field("text_version", .string, .required)
            .field("agreed_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("panel_consents").delete()
    }
}
