import FluentKit
import Foundation
import MeedenkenCore
import SQLKit

/// Answers saved page by page until the respondent sends them. Found through a random token in
/// a cookie (stored hashed). On sending, the answers move to an unlinked `Response` and the draft
/// keeps only "sent", so a resend shows the same thank-you page and stores nothing twice.
package final class ResponseDraft: Model, @unchecked Sendable {
    package static let schema = "response_drafts"

    @ID(key: .id) package var id: UUID?
    @Field(key: "token_hash") package var tokenHash: String
    @Parent(key: "version_id") package var version: QuestionnaireVersion
    /// The answers so far as JSON (`[questionKey: stored answer]`); emptied when sent.
    @Field(key: "answers") package var answersJSON: String
    @OptionalField(key: "current_page") package var currentPage: String?
    @Field(key: "is_sent") package var isSent: Bool
    @Field(key: "updated_at") package var updatedAt: Date
    /// Set for a personal invitation's draft (found through the link, not a cookie).
    @OptionalField(key: "invitation_id") package var invitationID: UUID?

    package init() {}

    package init(tokenHash: String, versionID: UUID, now: Date, invitationID: UUID? = nil) {
        self.invitationID = invitationID
        self.tokenHash = tokenHash
        self.$version.id = versionID
        self.answersJSON = "{}"
        self.isSent = false
        self.updatedAt = now
    }

    /// The answers column is JSON of stored answers (`StoredAnswer`), read and written through
    /// `DraftState`.
    package static func answers(fromJSON json: String) -> [String: Answer] {
        let stored = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        return stored.compactMapValues(StoredAnswer.decode)
    }

    package static func json(of answers: [String: Answer]) -> String {
        (try? JSONEncoder().encode(answers.mapValues(StoredAnswer.encode))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
