import FluentKit

/// The single-purpose links mailed to a member or their parent; only their hashes are kept.
package struct CreatePanelLink: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelLink" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("panel_links")
            .id()
            .field("member_id", .uuid, .required, .references("panel_members", .id, onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("panel_links").delete()
    }
}
