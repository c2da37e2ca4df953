import FluentKit
import Foundation

/// A link mailed to a member or their parent. Only the hash of its token (≥ 128 bits) is kept;
/// the token itself exists in the mail alone.
package final class PanelLink: Model, @unchecked Sendable {
    package static let schema = "panel_links"

    package enum Purpose: String, Codable, Sendable {
        /// Confirms the sign-up (single use).
        case confirm
        /// A parent confirms their child's sign-up (single use).
        case parentConfirm = "parent_confirm"
        /// Opens "Mijn gegevens" (until it expires).
        case manage
    }

    @ID(key: .id) package var id: UUID?
    @Parent(key: "member_id") package var member: PanelMember
    @Field(key: "purpose") package var purpose: Purpose
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "expires_at") package var expiresAt: Date
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(memberID: UUID, purpose: Purpose, tokenHash: String, expiresAt: Date, createdAt: Date) {
        self.$member.id = memberID
        self.purpose = purpose
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}
