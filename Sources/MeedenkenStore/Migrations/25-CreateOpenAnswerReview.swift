import FluentKit
import Foundation

package struct CreateOpenAnswerReview: AsyncMigration {
    package var name: String { "Meedenken.CreateOpenAnswerReview" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("open_answer_reviews")
            .id()
            .field("answer_id", .uuid, .required, .references("response_answers", .id, onDelete: .cascade))
            .field("questionnaire_id", .uuid, .required, .references("questionnaires", .id, onDelete: .cascade))
            .field("masked_text", .string)
            .field("themes", .string, .required)
            .field("tone", .string)
            .field("reviewed_at", .datetime)
            .field("danger", .bool, .required)
            .field("danger_words", .string)
            .unique(on: "answer_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("open_answer_reviews").delete()
    }
}
