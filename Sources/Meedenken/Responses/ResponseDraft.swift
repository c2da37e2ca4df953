import Fluent
import Foundation
import MeedenkenCore
import SQLKit

/// Answers saved page by page until the respondent sends them. Found through a random token in
/// a cookie (stored hashed). On sending, the answers move to an unlinked `Response` and the draft
/// keeps only "sent", so a resend shows the same thank-you page and stores nothing twice.
final class ResponseDraft: Model, @unchecked Sendable {
    static let schema = "response_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "version_id") var version: QuestionnaireVersion
    /// The answers so far as JSON (`[questionKey: stored answer]`); emptied when sent.
    @Field(key: "answers") var answersJSON: String
    @OptionalField(key: "current_page") var currentPage: String?
    @Field(key: "is_sent") var isSent: Bool
    @Field(key: "updated_at") var updatedAt: Date
    /// Set for a personal invitation's draft (found through the link, not a cookie).
    @OptionalField(key: "invitation_id") var invitationID: UUID?

    init() {}

    init(tokenHash: String, versionID: UUID, now: Date, invitationID: UUID? = nil) {
        self.invitationID = invitationID
        self.tokenHash = tokenHash
        self.$version.id = versionID
        self.answersJSON = "{}"
        self.isSent = false
        self.updatedAt = now
    }

    /// The answers column is JSON of stored answers (`StoredAnswer`), read and written through
    /// `DraftState`.
    static func answers(fromJSON json: String) -> [String: Answer] {
        let stored = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        return stored.compactMapValues(StoredAnswer.decode)
    }

    static func json(of answers: [String: Answer]) -> String {
        (try? JSONEncoder().encode(answers.mapValues(StoredAnswer.encode))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// A draft as answering reads (with its questionnaire, `AnsweringSubject`) and saves it: on every
/// page a respondent sends, so in plain SQL, not through the model.
struct DraftState: Sendable {
    let id: UUID
    var answers: [String: Answer]
    var currentPage: String?
    let isSent: Bool
    /// When a page was last saved (for a sent draft: only the day).
    let updatedAt: Date

    /// Keeps the answers so far and where the respondent is; never on a draft already sent.
    func saveProgress(now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE response_drafts SET answers = \(bind: ResponseDraft.json(of: answers)), current_page = \(bind: currentPage), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND is_sent = \(bind: false)
            """
        ).run()
    }

    /// Forgets the answers so far; a sent draft keeps its "sent" (it holds no answers).
    func delete(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM response_drafts WHERE id = \(bind: id) AND is_sent = \(bind: false)").run()
    }
}
