import FluentKit
import Foundation
import MeedenkenCore
import NIOConcurrencyHelpers

/// One frozen structure of a questionnaire, stored as its JSON document.
package final class QuestionnaireVersion: Model, @unchecked Sendable {
    package static let schema = "questionnaire_versions"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "questionnaire_id") package var questionnaire: Questionnaire
    @Field(key: "number") package var number: Int
    @Field(key: "definition") package var definitionJSON: String
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(questionnaireID: UUID, number: Int, definition: QuestionnaireDefinition, createdAt: Date) throws {
        self.$questionnaire.id = questionnaireID
        self.number = number
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.definitionJSON = String(decoding: try encoder.encode(definition), as: UTF8.self)
        self.createdAt = createdAt
    }

    /// The decoded structure. Every answer page needs it, so decoded documents are kept, keyed by
    /// their text: a changed document is a different key, so the cache can never serve a stale one.
    package func definition() throws -> QuestionnaireDefinition { try Self.definition(json: definitionJSON) }

    package static func definition(json: String) throws -> QuestionnaireDefinition {
        if let cached = DefinitionCache.shared.get(json) { return cached }
        let decoded = try JSONDecoder().decode(QuestionnaireDefinition.self, from: Data(json.utf8))
        DefinitionCache.shared.set(json, decoded)
        return decoded
    }
}
