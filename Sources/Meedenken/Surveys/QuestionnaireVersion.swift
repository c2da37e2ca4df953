import Fluent
import Foundation
import MeedenkenCore

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

    func definition() throws -> QuestionnaireDefinition {
        try JSONDecoder().decode(QuestionnaireDefinition.self, from: Data(definitionJSON.utf8))
    }
}
