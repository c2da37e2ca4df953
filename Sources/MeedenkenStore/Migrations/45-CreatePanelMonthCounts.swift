import FluentKit

/// Members who joined and left per month: anonymous counts that outlive the members.
package struct CreatePanelMonthCounts: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelMonthCounts" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("panel_month_counts")
            .field("month", .string, .identifier(auto: false))
            .field("joined", .int, .required)
            .field("left", .int, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("panel_month_counts").delete()
    }
}
