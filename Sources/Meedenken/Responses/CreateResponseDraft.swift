import Fluent

struct CreateResponseDraft: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResponseDraft.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("version_id", .uuid, .required, .references(QuestionnaireVersion.schema, .id))
            .field("answers", .string, .required)
            .field("current_page", .string)
            .field("is_sent", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResponseDraft.schema).delete()
    }
}
