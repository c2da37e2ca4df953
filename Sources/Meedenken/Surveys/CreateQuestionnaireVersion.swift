import Fluent

struct CreateQuestionnaireVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QuestionnaireVersion.schema)
            .id()
            .field("questionnaire_id", .uuid, .required, .references(Questionnaire.schema, .id))
            .field("number", .int, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "questionnaire_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(QuestionnaireVersion.schema).delete()
    }
}
