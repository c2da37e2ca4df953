import FluentKit

package struct CreateSurveyResponse: AsyncMigration {
    package var name: String { "Meedenken.CreateSurveyResponse" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("responses")
            .id()
            .field("version_id", .uuid, .required, .references("questionnaire_versions", .id))
            .field("submitted_on", .string, .required)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("respondent_role", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("responses").delete()
    }
}
