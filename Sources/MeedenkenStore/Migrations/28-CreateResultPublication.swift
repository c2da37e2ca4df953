import FluentKit
import Foundation

package struct CreateResultPublication: AsyncMigration {
    package var name: String { "Meedenken.CreateResultPublication" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("result_publications")
            .id()
            .field("questionnaire_id", .uuid, .required, .references("questionnaires", .id, onDelete: .cascade))
            .field("published_at", .datetime, .required)
            .unique(on: "questionnaire_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("result_publications").delete()
    }
}
