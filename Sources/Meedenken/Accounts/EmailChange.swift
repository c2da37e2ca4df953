import Fluent
import Foundation

/// A new e-mail address a staff member asked for, waiting until they follow the link sent to it.
/// Until then the old address stays the login and gets the mail: a typo or someone else's
/// address never takes over the account. Only the link's hash is kept; one pending per person.
final class EmailChange: Model, @unchecked Sendable {
    static let schema = "email_changes"
    /// A day to open the mail; after that the old address simply stays.
    static let lifetime: TimeInterval = 24 * 3600

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "new_email") var newEmail: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(userID: UUID, newEmail: String, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.newEmail = newEmail
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
