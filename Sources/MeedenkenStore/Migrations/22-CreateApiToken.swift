import FluentKit
import Foundation

package struct CreateApiToken: AsyncMigration {
    package var name: String { "Meedenken.CreateApiToken" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("name", .string, .required)
            .field("scopes", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}
