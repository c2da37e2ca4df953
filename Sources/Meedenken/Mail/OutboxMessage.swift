import Fluent
import Foundation

/// A mail waiting to go out, going out, or done. The background sender claims a row before
/// sending it, so two instances never send the same mail; after sending, the address and the
/// body (which holds a personal link) are erased.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    enum Status: String, Codable, CaseIterable, Sendable {
        case pending
        /// Claimed by a sender. Left over after a crash, it becomes `failed`, never sent again
        /// automatically: the mail may have gone out.
        case sending
        case sent
        case failed
    }

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "invitation_id") var invitationID: UUID?
    /// `invitation` or `reminder`.
    @Field(key: "kind") var kind: String
    @Field(key: "recipient") var recipient: String
    /// The whole RFC 5322 message, ready for SMTP.
    @Field(key: "message") var message: String
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}

    init(id: UUID, invitationID: UUID?, kind: String, recipient: String, message: String, now: Date) {
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

struct CreateOutboxMessage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("invitation_id", .uuid)
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("message", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
    }
}
