import FluentKit

package struct CreateAuditEvent: AsyncMigration {
    package var name: String { "Meedenken.CreateAuditEvent" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_user_id", .uuid)
            .field("actor_email", .string)
            .field("action", .string, .required)
            .field("object_type", .string)
            .field("object_id", .string)
            .field("detail", .string)
            .field("client_address", .string)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
