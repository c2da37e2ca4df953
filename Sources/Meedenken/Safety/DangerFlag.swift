import Fluent
import Foundation

/// The safety net's record of an open answer flagged for danger words (DESIGN §4.7): when the
/// people on duty were told, when it was escalated, and who looked, when, and what they did.
/// It points at the review row, never at the writer; the time it was raised is kept only until
/// someone acknowledges it (it drives the escalation), then only its day.
final class DangerFlag: Model, @unchecked Sendable {
    static let schema = "danger_flags"

    /// What the person who looked did; the page offers these, the note says the rest.
    enum Action: String, Codable, CaseIterable, Sendable {
        /// Read: nothing that needs more.
        case noConcern = "no_concern"
        /// Discussed with a colleague or the organisation's safety officer.
        case discussed
        /// Advice asked of Veilig Thuis (anonymously: the writer is not known).
        case adviceAsked = "advice_asked"
        case other
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "review_id") var reviewID: UUID
    @Field(key: "questionnaire_id") var questionnaireID: UUID
    @Field(key: "raised_at") var raisedAt: Date
    @OptionalField(key: "escalated_at") var escalatedAt: Date?
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: UUID?
    @OptionalField(key: "action") var action: Action?
    @OptionalField(key: "note") var note: String?

    init() {}

    init(id: UUID = UUID(), reviewID: UUID, questionnaireID: UUID, raisedAt: Date) {
        self.id = id
        self.reviewID = reviewID
        self.questionnaireID = questionnaireID
        self.raisedAt = raisedAt
    }
}

struct CreateDangerFlag: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("danger_flags")
            .id()
            .field("review_id", .uuid, .required, .references("open_answer_reviews", "id", onDelete: .cascade))
            .field("questionnaire_id", .uuid, .required)
            .field("raised_at", .datetime, .required)
            .field("escalated_at", .datetime)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .uuid)
            .field("action", .string)
            .field("note", .string)
            .unique(on: "review_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("danger_flags").delete()
    }
}
