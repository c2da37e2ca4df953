import FluentKit

package struct CreateStaffTeamScope: AsyncMigration {
    package var name: String { "Meedenken.CreateStaffTeamScope" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("staff_team_scopes")
            .id()
            .field("user_id", .uuid, .required, .references("staff_users", .id, onDelete: .cascade))
            .field("team_id", .uuid, .required, .references("teams", .id, onDelete: .cascade))
            .unique(on: "user_id", "team_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("staff_team_scopes").delete()
    }
}
