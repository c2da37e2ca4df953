import Fluent
import Foundation

/// An address that asked for no more invitations, kept only as its hash (`Invitation.hash(email:)`).
final class UnsubscribedAddress: Model, @unchecked Sendable {
    static let schema = "unsubscribed_addresses"

    @ID(key: .id) var id: UUID?
    @Field(key: "email_hash") var emailHash: String
    @Field(key: "unsubscribed_on") var unsubscribedOn: String

    init() {}

    init(emailHash: String, unsubscribedOn: String) {
        self.emailHash = emailHash
        self.unsubscribedOn = unsubscribedOn
    }
}

struct CreateUnsubscribedAddress: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnsubscribedAddress.schema)
            .id()
            .field("email_hash", .string, .required)
            .field("unsubscribed_on", .string, .required)
            .unique(on: "email_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnsubscribedAddress.schema).delete()
    }
}
