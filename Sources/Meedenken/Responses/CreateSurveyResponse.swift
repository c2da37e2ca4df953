import Fluent

struct CreateSurveyResponse: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SurveyResponse.schema)
            .id()
            .field("version_id", .uuid, .required, .references(QuestionnaireVersion.schema, .id))
            .field("submitted_on", .string, .required)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("respondent_role", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SurveyResponse.schema).delete()
    }
}
