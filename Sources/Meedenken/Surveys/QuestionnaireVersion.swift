import Fluent
import Foundation
import MeedenkenCore
import NIOConcurrencyHelpers

/// One frozen structure of a questionnaire, stored as its JSON document.
final class QuestionnaireVersion: Model, @unchecked Sendable {
    static let schema = "questionnaire_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "questionnaire_id") var questionnaire: Questionnaire
    @Field(key: "number") var number: Int
    @Field(key: "definition") var definitionJSON: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(questionnaireID: UUID, number: Int, definition: QuestionnaireDefinition, createdAt: Date) throws {
        self.$questionnaire.id = questionnaireID
        self.number = number
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.definitionJSON = String(decoding: try encoder.encode(definition), as: UTF8.self)
        self.createdAt = createdAt
    }

    /// The decoded structure. Every answer page needs it, so decoded documents are kept, keyed by
    /// their text: a changed document is a different key, so the cache can never serve a stale one.
    func definition() throws -> QuestionnaireDefinition { try Self.definition(json: definitionJSON) }

    static func definition(json: String) throws -> QuestionnaireDefinition {
        if let cached = DefinitionCache.shared.get(json) { return cached }
        let decoded = try JSONDecoder().decode(QuestionnaireDefinition.self, from: Data(json.utf8))
        DefinitionCache.shared.set(json, decoded)
        return decoded
    }
}

/// Decoded questionnaire documents by their JSON text, at most `limit` of them (cleared when full:
/// an organisation has a few dozen questionnaires, so this almost never happens).
final class DefinitionCache: Sendable {
    static let shared = DefinitionCache()
    private let entries = NIOLockedValueBox<[String: QuestionnaireDefinition]>([:])
    let limit = 256

    func get(_ json: String) -> QuestionnaireDefinition? { entries.withLockedValue { $0[json] } }

    func set(_ json: String, _ definition: QuestionnaireDefinition) {
        entries.withLockedValue { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[json] = definition
        }
    }
}
