import FluentKit
import Foundation

package struct CreateOutboxMessage: AsyncMigration {
    package var name: String { "Meedenken.CreateOutboxMessage" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages")
            .id()
            .field("invitation_id", .uuid)
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("message", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("outbox_messages").delete()
    }
}
