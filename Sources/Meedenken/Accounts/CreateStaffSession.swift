import Fluent

struct CreateStaffSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("stage", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffSession.schema).delete()
    }
}
