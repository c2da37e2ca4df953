import FluentKit

package struct CreateResponseDraft: AsyncMigration {
    package var name: String { "Meedenken.CreateResponseDraft" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("response_drafts")
            .id()
            .field("token_hash", .string, .required)
            .field("version_id", .uuid, .required, .references("questionnaire_versions", .id))
            .field("answers", .string, .required)
            .field("current_page", .string)
            .field("is_sent", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("response_drafts").delete()
    }
}
