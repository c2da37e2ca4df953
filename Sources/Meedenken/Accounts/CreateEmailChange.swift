import Fluent

struct CreateEmailChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmailChange.schema)
            .id()
            .field("user_id", .uuid, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("new_email", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmailChange.schema).delete()
    }
}
