import FluentKit
import Foundation

/// A one-time link that lets a person choose a password: the first administrator's setup link,
/// or the activation link an administrator hands to a new or reset staff member.
package final class AccessLink: Model, @unchecked Sendable {
    package static let schema = "access_links"

    package enum Purpose: String, Codable, Sendable {
        case firstAdministrator = "first_administrator"
        case activation
    }

    @ID(key: .id) package var id: UUID?
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "purpose") package var purpose: Purpose
    @OptionalParent(key: "user_id") package var user: StaffUser?
    @Field(key: "expires_at") package var expiresAt: Date
    @OptionalField(key: "used_at") package var usedAt: Date?

    package init() {}

    package init(tokenHash: String, purpose: Purpose, userID: UUID?, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.purpose = purpose
        self.$user.id = userID
        self.expiresAt = expiresAt
    }
}
