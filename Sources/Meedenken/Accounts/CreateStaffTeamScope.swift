import Fluent

struct CreateStaffTeamScope: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffTeamScope.schema)
            .id()
            .field("user_id", .uuid, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("team_id", .uuid, .required, .references(Team.schema, .id, onDelete: .cascade))
            .unique(on: "user_id", "team_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffTeamScope.schema).delete()
    }
}
