import FluentKit

package struct CreateRecoveryCode: AsyncMigration {
    package var name: String { "Meedenken.CreateRecoveryCode" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("staff_users", .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .unique(on: "code_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("recovery_codes").delete()
    }
}
