import FluentKit
import Foundation

package struct CreateInvitation: AsyncMigration {
    package var name: String { "Meedenken.CreateInvitation" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("questionnaire_id", .uuid, .required, .references("questionnaires", .id))
            .field("closure_id", .uuid, .references("trajectory_closures", .id))
            .field("team_id", .uuid, .references("teams", .id))
            .field("respondent_role", .string, .required)
            .field("age_band", .string)
            .field("language", .string, .required)
            .field("email", .string)
            .field("email_hash", .string, .required)
            .field("send_after", .datetime, .required)
            .field("first_mailed_at", .datetime)
            .field("last_mailed_at", .datetime)
            .field("reminders_sent", .int, .required)
            .field("expires_at", .datetime)
            .field("opened", .bool, .required)
            .field("completed", .bool, .required)
            .field("unsubscribed", .bool, .required)
            .field("bounced", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("invitations").delete()
    }
}
