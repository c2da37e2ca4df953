import Fluent

struct CreateRateLimitCounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RateLimitCounter.schema)
            .field("id", .string, .identifier(auto: false))
            .field("window_start", .int, .required)
            .field("hits", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RateLimitCounter.schema).delete()
    }
}
