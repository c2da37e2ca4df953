import FluentKit

package struct CreateStaffSession: AsyncMigration {
    package var name: String { "Meedenken.CreateStaffSession" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("staff_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("staff_users", .id, onDelete: .cascade))
            .field("stage", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("staff_sessions").delete()
    }
}
