import FluentKit
import Foundation
import MeedenkenCore

/// A coordinator's review of one open answer: the masked text that may be shown and exported,
/// the themes it is coded with and its tone. Until `reviewedAt` is set nobody but coordinators
/// reads the answer. A row also exists, unreviewed, for an answer flagged for danger words the
/// moment it came in.
package final class OpenAnswerReview: Model, @unchecked Sendable {
    package static let schema = "open_answer_reviews"

    @ID(key: .id) package var id: UUID?
    @Field(key: "answer_id") package var answerID: UUID
    @Field(key: "questionnaire_id") package var questionnaireID: UUID
    @OptionalField(key: "masked_text") package var maskedText: String?
    /// Theme keys, comma-separated (keys have no commas).
    @Field(key: "themes") package var themes: String
    @OptionalField(key: "tone") package var tone: OpenAnswerTone?
    @OptionalField(key: "reviewed_at") package var reviewedAt: Date?
    @Field(key: "danger") package var danger: Bool
    /// The danger words found, so the coordinator sees why it was flagged.
    @OptionalField(key: "danger_words") package var dangerWords: String?

    package init() {}

    package init(answerID: UUID, questionnaireID: UUID) {
        self.answerID = answerID
        self.questionnaireID = questionnaireID
        themes = ""
        danger = false
    }

    package var themeKeys: [String] { themes.split(separator: ",").map(String.init) }
}
