import FluentKit

package struct CreateEmailChange: AsyncMigration {
    package var name: String { "Meedenken.CreateEmailChange" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("email_changes")
            .id()
            .field("user_id", .uuid, .required, .references("staff_users", .id, onDelete: .cascade))
            .field("new_email", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .unique(on: "user_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("email_changes").delete()
    }
}
