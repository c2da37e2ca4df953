import FluentKit
import Foundation
import MeedenkenCore

/// The safety net's record of an open answer flagged for danger words (DESIGN §4.7): when the
/// people on duty were told, when it was escalated, and who looked, when, and what they did.
/// It points at the review row, never at the writer; the time it was raised is kept only until
/// someone acknowledges it (it drives the escalation), then only its day.
package final class DangerFlag: Model, @unchecked Sendable {
    package static let schema = "danger_flags"

    /// What the person who looked did; the page offers these, the note says the rest.
    package enum Action: String, Codable, CaseIterable, Sendable {
        /// Read: nothing that needs more.
        case noConcern = "no_concern"
        /// Discussed with a colleague or the organisation's safety officer.
        case discussed
        /// Advice asked of Veilig Thuis (anonymously: the writer is not known).
        case adviceAsked = "advice_asked"
        case other
    }

    @ID(key: .id) package var id: UUID?
    @Field(key: "review_id") package var reviewID: UUID
    @Field(key: "questionnaire_id") package var questionnaireID: UUID
    @Field(key: "raised_at") package var raisedAt: Date
    @OptionalField(key: "escalated_at") package var escalatedAt: Date?
    @OptionalField(key: "acknowledged_at") package var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") package var acknowledgedBy: UUID?
    @OptionalField(key: "action") package var action: Action?
    @OptionalField(key: "note") package var note: String?

    package init() {}

    package init(id: UUID = UUID.random(), reviewID: UUID, questionnaireID: UUID, raisedAt: Date) {
        self.id = id
        self.reviewID = reviewID
        self.questionnaireID = questionnaireID
        self.raisedAt = raisedAt
    }
}
