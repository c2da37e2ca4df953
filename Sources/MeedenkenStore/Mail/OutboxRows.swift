import Foundation
import MeedenkenCore
import SQLKit

/// A personal link of an invitation mail (only the token's hash) and the mail that carries it,
/// as rows to insert many at a time: a wave or a panel send queues thousands of mails.
package struct NewInvitationLink: Sendable {
    package let invitationID: UUID
    package let tokenHash: String

    package init(invitationID: UUID, tokenHash: String) {
        self.invitationID = invitationID
        self.tokenHash = tokenHash
    }
}

package struct NewOutboxMail: Sendable {
    package let id: UUID
    package let invitationID: UUID?
    package let kind: String
    package let recipient: String
    package let message: String

    package init(id: UUID, invitationID: UUID?, kind: String, recipient: String, message: String) {
        self.id = id
        self.invitationID = invitationID
        self.kind = kind
        self.recipient = recipient
        self.message = message
    }
}

extension Store {
    package func insertInvitationLinks(_ links: [NewInvitationLink], now: Date) async throws {
        for batch in links.inBatches(of: 500) {
            var insert = sql.insert(into: "invitation_links").columns("id", "invitation_id", "token_hash", "created_at")
            for link in batch { insert = insert.values(SQLBind(UUID.random()), SQLBind(link.invitationID), SQLBind(link.tokenHash), SQLBind(now)) }
            try await insert.run()
        }
    }

    /// Pending mails, for the background sender.
    package func insertOutboxMails(_ mails: [NewOutboxMail], now: Date) async throws {
        for batch in mails.inBatches(of: 500) {
            var insert = sql.insert(into: "outbox_messages").columns(
                "id", "invitation_id", "kind", "recipient", "message", "status", "attempts", "next_attempt_at", "created_at")
            for mail in batch {
                insert = insert.values(
                    SQLBind(mail.id), SQLBind(mail.invitationID), SQLBind(mail.kind), SQLBind(mail.recipient), SQLBind(mail.message),
                    SQLBind("pending"), SQLBind(0), SQLBind(now), SQLBind(now))
            }
            try await insert.run()
        }
    }
}
