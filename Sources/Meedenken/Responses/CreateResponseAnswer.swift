import Fluent

struct CreateResponseAnswer: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResponseAnswer.schema)
            .id()
            .field("response_id", .uuid, .required, .references(SurveyResponse.schema, .id, onDelete: .cascade))
            .field("question_key", .string, .required)
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResponseAnswer.schema).delete()
    }
}
