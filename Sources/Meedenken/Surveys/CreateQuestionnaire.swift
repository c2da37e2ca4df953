import Fluent

struct CreateQuestionnaire: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Questionnaire.schema)
            .id()
            .field("key", .string, .required)
            .field("kind", .string, .required)
            .field("audience", .string, .required)
            .field("anonymous", .bool, .required)
            .field("is_open", .bool, .required)
            .field("open_link_key", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .unique(on: "open_link_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Questionnaire.schema).delete()
    }
}
