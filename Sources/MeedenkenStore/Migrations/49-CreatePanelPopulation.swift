import FluentKit

/// The organisation's client population as numbers per group (a role or an age band), entered
/// by a coordinator, so the panel page shows who the panel is missing.
package struct CreatePanelPopulation: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelPopulation" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("panel_population")
            .field("group_key", .string, .identifier(auto: false))
            .field("clients", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("panel_population").delete()
    }
}
