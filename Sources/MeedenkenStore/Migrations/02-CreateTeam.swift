import FluentKit

package struct CreateTeam: AsyncMigration {
    package var name: String { "Meedenken.CreateTeam" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("teams")
            .id()
            .field("name", .string, .required)
            .field("region_id", .uuid, .required, .references("regions", .id))
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("teams").delete()
    }
}
