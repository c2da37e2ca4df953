import FluentKit
import Foundation

/// A mail waiting to go out, going out, or done. The background sender claims a row before
/// sending it, so two instances never send the same mail; after sending, the address and the
/// body (which holds a personal link) are erased.
package final class OutboxMessage: Model, @unchecked Sendable {
    package static let schema = "outbox_messages"

    package enum Status: String, Codable, CaseIterable, Sendable {
        case pending
        /// Claimed by a sender. Left over after a crash, it becomes `failed`, never sent again
        /// automatically: the mail may have gone out.
        case sending
        case sent
        case failed
    }

    @ID(key: .id) package var id: UUID?
    @OptionalField(key: "invitation_id") package var invitationID: UUID?
    /// `invitation` or `reminder`.
    @Field(key: "kind") package var kind: String
    @Field(key: "recipient") package var recipient: String
    /// The whole RFC 5322 message, ready for SMTP.
    @Field(key: "message") package var message: String
    @Field(key: "status") package var status: Status
    @Field(key: "attempts") package var attempts: Int
    @Field(key: "next_attempt_at") package var nextAttemptAt: Date
    @OptionalField(key: "claimed_at") package var claimedAt: Date?
    @OptionalField(key: "last_error") package var lastError: String?
    @Field(key: "created_at") package var createdAt: Date
    @OptionalField(key: "sent_at") package var sentAt: Date?

    package init() {}

    package init(id: UUID, invitationID: UUID?, kind: String, recipient: String, message: String, now: Date) {
        self.id = id
        self.invitationID = invitationID
        self.kind = kind
        self.recipient = recipient
        self.message = message
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdAt = now
    }
}
