import FluentKit
import Foundation

package struct CreateTrajectoryClosure: AsyncMigration {
    package var name: String { "Meedenken.CreateTrajectoryClosure" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("trajectory_closures")
            .id()
            .field("reference", .string, .required)
            .field("team_id", .uuid, .required, .references("teams", .id))
            .field("closed_on", .string, .required)
            .field("source", .string, .required)
            .field("received_at", .datetime, .required)
            .field("invitations_planned", .int, .required)
            .field("skipped_do_not_contact", .int, .required)
            .field("skipped_child_under_12", .int, .required)
            .field("skipped_unsubscribed", .int, .required)
            .field("skipped_no_questionnaire", .int, .required)
            .unique(on: "reference")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("trajectory_closures").delete()
    }
}
