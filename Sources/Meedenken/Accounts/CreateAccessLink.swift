import Fluent

struct CreateAccessLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AccessLink.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("purpose", .string, .required)
            .field("user_id", .uuid, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccessLink.schema).delete()
    }
}
