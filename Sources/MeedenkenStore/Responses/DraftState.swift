import Foundation
import MeedenkenCore
import SQLKit

/// A draft as answering reads (with its questionnaire, `AnsweringSubject`) and saves it: on every
/// page a respondent sends, so in plain SQL, not through the model.
package struct DraftState: Sendable {
    package let id: UUID
    package var answers: [String: Answer]
    package var currentPage: String?
    package let isSent: Bool
    /// When a page was last saved (for a sent draft: only the day).
    package let updatedAt: Date

    package init(id: UUID, answers: [String: Answer], currentPage: String?, isSent: Bool, updatedAt: Date) {
        self.id = id
        self.answers = answers
        self.currentPage = currentPage
        self.isSent = isSent
        self.updatedAt = updatedAt
    }
}

extension Store {
    /// Keeps the answers so far and where the respondent is; never on a draft already sent.
    package func saveProgress(of draft: DraftState, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE response_drafts SET answers = \(bind: ResponseDraft.json(of: draft.answers)), current_page = \(bind: draft.currentPage),
            updated_at = \(bind: now) WHERE id = \(bind: draft.id) AND is_sent = \(bind: false)
            """
        ).run()
    }

    /// Forgets the answers so far; a sent draft keeps its "sent" (it holds no answers).
    package func deleteUnsent(_ draft: DraftState) async throws {
        try await sql.raw("DELETE FROM response_drafts WHERE id = \(bind: draft.id) AND is_sent = \(bind: false)").run()
    }
}
