import FluentKit

package struct CreateQuestionnaireVersion: AsyncMigration {
    package var name: String { "Meedenken.CreateQuestionnaireVersion" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("questionnaire_versions")
            .id()
            .field("questionnaire_id", .uuid, .required, .references("questionnaires", .id))
            .field("number", .int, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "questionnaire_id", "number")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("questionnaire_versions").delete()
    }
}
