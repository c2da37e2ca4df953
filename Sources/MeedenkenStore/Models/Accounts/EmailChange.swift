import FluentKit
import Foundation

/// A new e-mail address a staff member asked for, waiting until they follow the link sent to it.
/// Until then the old address stays the login and gets the mail: a typo or someone else's
/// address never takes over the account. Only the link's hash is kept; one pending per person.
package final class EmailChange: Model, @unchecked Sendable {
    package static let schema = "email_changes"
    /// A day to open the mail; after that the old address simply stays.
    package static let lifetime: TimeInterval = 24 * 3600

    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: StaffUser
    @Field(key: "new_email") package var newEmail: String
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "expires_at") package var expiresAt: Date

    package init() {}

    package init(userID: UUID, newEmail: String, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.newEmail = newEmail
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
