import FluentKit

package struct CreateRateLimitCounter: AsyncMigration {
    package var name: String { "Meedenken.CreateRateLimitCounter" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("rate_limit_counters")
            .field("id", .string, .identifier(auto: false))
            .field("window_start", .int, .required)
            .field("hits", .int, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("rate_limit_counters").delete()
    }
}
