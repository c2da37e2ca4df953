import FluentKit
import Foundation

package struct CreateUnsubscribedAddress: AsyncMigration {
    package var name: String { "Meedenken.CreateUnsubscribedAddress" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("unsubscribed_addresses")
            .id()
            .field("email_hash", .string, .required)
            .field("unsubscribed_on", .string, .required)
            .unique(on: "email_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("unsubscribed_addresses").delete()
    }
}
