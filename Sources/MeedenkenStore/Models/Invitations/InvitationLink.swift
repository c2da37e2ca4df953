import FluentKit
import Foundation

/// The personal link in one mail (the invitation or a reminder). Only the token's hash is kept;
/// the token itself exists in the mail alone. Every link of an invitation works until it expires.
package final class InvitationLink: Model, @unchecked Sendable {
    package static let schema = "invitation_links"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "invitation_id") package var invitation: Invitation
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(invitationID: UUID, tokenHash: String, createdAt: Date) {
        self.$invitation.id = invitationID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}
