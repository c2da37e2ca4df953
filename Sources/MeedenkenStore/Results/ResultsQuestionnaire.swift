import FluentKit
import Foundation
import MeedenkenCore

/// A questionnaire as results read it: its versions (answers to the same question key are
/// combined across versions) and its latest structure.
package struct ResultsQuestionnaire: Sendable {
    package let id: UUID
    package let kind: QuestionnaireDefinition.Kind
    package let audience: QuestionnaireDefinition.Audience
    package let versionIDs: [UUID]
    package let definition: QuestionnaireDefinition

    package init(
        id: UUID, kind: QuestionnaireDefinition.Kind, audience: QuestionnaireDefinition.Audience, versionIDs: [UUID],
        definition: QuestionnaireDefinition
    ) {
        self.id = id
        self.kind = kind
        self.audience = audience
        self.versionIDs = versionIDs
        self.definition = definition
    }

    /// Nil for a questionnaire without versions.
    init?(_ questionnaire: Questionnaire) throws {
        guard let latest = questionnaire.versions.max(by: { $0.number < $1.number }) else { return nil }
        id = try questionnaire.requireID()
        kind = questionnaire.kind
        audience = questionnaire.audience
        versionIDs = try questionnaire.versions.map { try $0.requireID() }
        definition = try latest.definition()
    }
}

extension Store {
    /// Nil when there is no such questionnaire, or it has no version.
    package func resultsQuestionnaire(_ id: UUID) async throws -> ResultsQuestionnaire? {
        guard let questionnaire = try await Questionnaire.query(on: database).filter(\.$id == id).with(\.$versions).first() else { return nil }
        return try ResultsQuestionnaire(questionnaire)
    }

    /// The other questionnaires for the same people: what a wave can be compared with.
    package func otherWaves(of id: UUID, audience: QuestionnaireDefinition.Audience) async throws -> [ResultsQuestionnaire] {
        try await Questionnaire.query(on: database).filter(\.$audience == audience).filter(\.$id != id).with(\.$versions).all().compactMap {
            try ResultsQuestionnaire($0)
        }
    }

    package func isPublished(_ questionnaireID: UUID) async throws -> Bool {
        try await ResultPublication.query(on: database).filter(\.$questionnaireID == questionnaireID).first() != nil
    }
}
