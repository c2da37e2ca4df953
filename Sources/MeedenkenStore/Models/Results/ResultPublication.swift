import FluentKit
import Foundation
import MeedenkenCore

/// A questionnaire whose results the organisation shows on its public site ("Wat vinden cliënten
/// van ons?"), and so to its client council: the organisation as a whole, through the same
/// suppression, with reviewed quotes only.
package final class ResultPublication: Model, @unchecked Sendable {
    package static let schema = "result_publications"

    @ID(key: .id) package var id: UUID?
    @Field(key: "questionnaire_id") package var questionnaireID: UUID
    @Field(key: "published_at") package var publishedAt: Date

    package init() {}

    package init(questionnaireID: UUID, publishedAt: Date) {
        self.questionnaireID = questionnaireID
        self.publishedAt = publishedAt
    }
}
