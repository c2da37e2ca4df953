import FluentKit
import Foundation

package struct CreateCodebook: AsyncMigration {
    package var name: String { "Meedenken.CreateCodebook" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("codebook")
            .id()
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("codebook").delete()
    }
}
