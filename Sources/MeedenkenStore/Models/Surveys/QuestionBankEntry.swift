import FluentKit
import Foundation
import MeedenkenCore

/// One question in the organisation's question bank, stored as its JSON with source and licence.
package final class QuestionBankEntry: Model, @unchecked Sendable {
    package static let schema = "question_bank_items"

    @ID(key: .id) package var id: UUID?
    @Field(key: "key") package var key: String
    @Field(key: "item") package var itemJSON: String
    @OptionalField(key: "theme") package var theme: String?
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(item: QuestionBankItem, createdAt: Date) throws {
        self.key = item.question.key
        self.itemJSON = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        self.theme = item.question.theme
        self.createdAt = createdAt
    }

    package func item() throws -> QuestionBankItem {
        try JSONDecoder().decode(QuestionBankItem.self, from: Data(itemJSON.utf8))
    }
}
