import FluentKit
import Foundation

package struct CreatePreviousWave: AsyncMigration {
    package var name: String { "Meedenken.CreatePreviousWave" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("previous_waves")
            .id()
            .field("questionnaire_id", .uuid, .required, .references("questionnaires", .id, onDelete: .cascade))
            .field("previous_id", .uuid, .required, .references("questionnaires", .id, onDelete: .cascade))
            .field("set_at", .datetime, .required)
            .unique(on: "questionnaire_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("previous_waves").delete()
    }
}
