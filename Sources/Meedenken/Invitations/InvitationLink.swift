import Fluent
import Foundation

/// The personal link in one mail (the invitation or a reminder). Only the token's hash is kept;
/// the token itself exists in the mail alone. Every link of an invitation works until it expires.
final class InvitationLink: Model, @unchecked Sendable {
    static let schema = "invitation_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "invitation_id") var invitation: Invitation
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(invitationID: UUID, tokenHash: String, createdAt: Date) {
        self.$invitation.id = invitationID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}

struct CreateInvitationLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InvitationLink.schema)
            .id()
            .field("invitation_id", .uuid, .required, .references(Invitation.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InvitationLink.schema).delete()
    }
}
