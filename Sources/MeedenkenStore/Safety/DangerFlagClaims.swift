import Foundation
import SQLKit

extension Store {
    /// Marks a flag escalated, in one statement, so that of two instances only one sends the
    /// mails; false when another did already.
    package func claimEscalation(flagID: UUID, at now: Date) async throws -> Bool {
        try await !sql.raw("UPDATE danger_flags SET escalated_at = \(bind: now) WHERE id = \(bind: flagID) AND escalated_at IS NULL RETURNING id")
            .all().isEmpty
    }
}
