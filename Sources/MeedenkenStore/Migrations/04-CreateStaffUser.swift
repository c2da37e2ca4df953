import FluentKit

package struct CreateStaffUser: AsyncMigration {
    package var name: String { "Meedenken.CreateStaffUser" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("staff_users")
            .id()
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("role", .string, .required)
            .field("language", .string, .required)
            .field("is_disabled", .bool, .required)
            .field("totp_secret", .string)
            .field("pending_totp_secret", .string)
            .field("totp_last_step", .int64)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("staff_users").delete()
    }
}
