import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit

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
