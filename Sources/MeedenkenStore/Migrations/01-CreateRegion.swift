import FluentKit

package struct CreateRegion: AsyncMigration {
    package var name: String { "Meedenken.CreateRegion" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("regions").delete()
    }
}
