import Fluent
import Foundation
import MeedenkenCore

/// A coordinator's review of one open answer: the masked text that may be shown and exported,
/// the themes it is coded with and its tone. Until `reviewedAt` is set nobody but coordinators
/// reads the answer. A row also exists, unreviewed, for an answer flagged for danger words the
/// moment it came in.
final class OpenAnswerReview: Model, @unchecked Sendable {
    static let schema = "open_answer_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "answer_id") var answerID: UUID
    @Field(key: "questionnaire_id") var questionnaireID: UUID
    @OptionalField(key: "masked_text") var maskedText: String?
    /// Theme keys, comma-separated (keys have no commas).
    @Field(key: "themes") var themes: String
    @OptionalField(key: "tone") var tone: OpenAnswerTone?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @Field(key: "danger") var danger: Bool
    /// The danger words found, so the coordinator sees why it was flagged.
    @OptionalField(key: "danger_words") var dangerWords: String?

    init() {}

    init(answerID: UUID, questionnaireID: UUID) {
        self.answerID = answerID
        self.questionnaireID = questionnaireID
        themes = ""
        danger = false
    }

    var themeKeys: [String] { themes.split(separator: ",").map(String.init) }
}

struct CreateOpenAnswerReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OpenAnswerReview.schema)
            .id()
            .field("answer_id", .uuid, .required, .references(ResponseAnswer.schema, .id, onDelete: .cascade))
            .field("questionnaire_id", .uuid, .required, .references(Questionnaire.schema, .id, onDelete: .cascade))
            .field("masked_text", .string)
            .field("themes", .string, .required)
            .field("tone", .string)
            .field("reviewed_at", .datetime)
            .field("danger", .bool, .required)
            .field("danger_words", .string)
            .unique(on: "answer_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OpenAnswerReview.schema).delete()
    }
}
