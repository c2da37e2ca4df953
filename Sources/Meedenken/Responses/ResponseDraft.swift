import Fluent
import Foundation
import MeedenkenCore

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

    var answers: [String: Answer] {
        get {
            let stored = (try? JSONDecoder().decode([String: String].self, from: Data(answersJSON.utf8))) ?? [:]
            return stored.compactMapValues(StoredAnswer.decode)
        }
        set {
            let stored = newValue.mapValues(StoredAnswer.encode)
            answersJSON = (try? JSONEncoder().encode(stored)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}
