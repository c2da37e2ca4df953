import FluentKit
import Foundation

package struct CreateQuestionBankEntry: AsyncMigration {
    package var name: String { "Meedenken.CreateQuestionBankEntry" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("question_bank_items")
            .id()
            .field("key", .string, .required)
            .field("item", .string, .required)
            .field("theme", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("question_bank_items").delete()
    }
}
