import FluentKit
import Foundation
import MeedenkenCore

/// Which earlier questionnaire a satisfaction-survey wave follows, so its report (printed and
/// published) says what changed since then. Set by a coordinator on the results page.
package final class PreviousWave: Model, @unchecked Sendable {
    package static let schema = "previous_waves"

    @ID(key: .id) package var id: UUID?
    @Field(key: "questionnaire_id") package var questionnaireID: UUID
    @Field(key: "previous_id") package var previousID: UUID
    @Field(key: "set_at") package var setAt: Date

    package init() {}

    package init(questionnaireID: UUID, previousID: UUID, setAt: Date) {
        self.questionnaireID = questionnaireID
        self.previousID = previousID
        self.setAt = setAt
    }

    package static func of(_ questionnaireID: UUID, on database: any Database) async throws -> UUID? {
        try await PreviousWave.query(on: database).filter(\.$questionnaireID == questionnaireID).first()?.previousID
    }
}
