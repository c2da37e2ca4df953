import FluentKit

package struct CreateResponseAnswer: AsyncMigration {
    package var name: String { "Meedenken.CreateResponseAnswer" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("response_answers")
            .id()
            .field("response_id", .uuid, .required, .references("responses", .id, onDelete: .cascade))
            .field("question_key", .string, .required)
            .field("value", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("response_answers").delete()
    }
}
