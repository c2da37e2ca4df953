import FluentKit

package struct CreateQuestionnaire: AsyncMigration {
    package var name: String { "Meedenken.CreateQuestionnaire" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("questionnaires")
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

    package func revert(on database: any Database) async throws {
        try await database.schema("questionnaires").delete()
    }
}
