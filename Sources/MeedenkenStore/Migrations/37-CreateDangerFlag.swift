import FluentKit
import Foundation

package struct CreateDangerFlag: AsyncMigration {
    package var name: String { "Meedenken.CreateDangerFlag" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("danger_flags")
            .id()
            .field("review_id", .uuid, .required, .references("open_answer_reviews", "id", onDelete: .cascade))
            .field("questionnaire_id", .uuid, .required)
            .field("raised_at", .datetime, .required)
            .field("escalated_at", .datetime)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .uuid)
            .field("action", .string)
            .field("note", .string)
            .unique(on: "review_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("danger_flags").delete()
    }
}
