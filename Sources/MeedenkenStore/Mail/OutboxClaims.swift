import Foundation
import SQLKit

/// The outbox is shared by every instance: each message is claimed before it is sent, and a
/// claim an instance never finished is given up after a while.
extension Store {
    /// Messages claimed before `claimedBefore` and never finished fail with `reason`, their body
    /// (a personal link) emptied.
    package func failAbandonedMail(claimedBefore: Date, reason: String) async throws {
        try await sql.raw(
            """
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.failed.rawValue), message = '', last_error = \(bind: reason)
            WHERE status = \(bind: OutboxMessage.Status.sending.rawValue) AND claimed_at < \(bind: claimedBefore)
            """
        ).run()
    }

    /// Claims a pending message for sending; false when another instance has it.
    package func claimMail(_ id: UUID, at now: Date) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.sending.rawValue), claimed_at = \(bind: now)
            WHERE id = \(bind: id) AND status = \(bind: OutboxMessage.Status.pending.rawValue) RETURNING id
            """
        ).first() != nil
    }

    /// An address that bounced for good: the invitation (and the children's that went along)
    /// stops, and the address is forgotten.
    package func markBounced(invitationID: UUID) async throws {
        try await sql.raw(
            "UPDATE invitations SET bounced = \(bind: true), email = NULL WHERE id = \(bind: invitationID) OR companion_of = \(bind: invitationID)"
        ).run()
    }
}
