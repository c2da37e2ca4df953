import Fluent
import Foundation

/// A one-time link that lets a person choose a password: the first administrator's setup link,
/// or the activation link an administrator hands to a new or reset staff member.
final class AccessLink: Model, @unchecked Sendable {
    static let schema = "access_links"

    enum Purpose: String, Codable, Sendable {
        case firstAdministrator = "first_administrator"
        case activation
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "purpose") var purpose: Purpose
    @OptionalParent(key: "user_id") var user: StaffUser?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(tokenHash: String, purpose: Purpose, userID: UUID?, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.purpose = purpose
        self.$user.id = userID
        self.expiresAt = expiresAt
    }
}
