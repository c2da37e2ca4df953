import FluentKit

package struct CreateAccessLink: AsyncMigration {
    package var name: String { "Meedenken.CreateAccessLink" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("access_links")
            .id()
            .field("token_hash", .string, .required)
            .field("purpose", .string, .required)
            .field("user_id", .uuid, .references("staff_users", .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("access_links").delete()
    }
}
