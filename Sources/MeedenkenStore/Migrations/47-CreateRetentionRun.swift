import FluentKit

/// Each run of the daily retention job, with how much it deleted (counts only, no personal data).
package struct CreateRetentionRun: AsyncMigration {
    package var name: String { "Meedenken.CreateRetentionRun" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("retention_runs")
            .id()
            .field("ran_at", .datetime, .required)
            .field("counts", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("retention_runs").delete()
    }
}
