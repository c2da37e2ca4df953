import FluentKit
import Foundation

/// A logged-in browser. Kept in the database so that any instance can serve any request and a
/// user's sessions can all be ended at once (disabled, new password, new second factor).
package final class StaffSession: Model, @unchecked Sendable {
    package static let schema = "staff_sessions"

    package enum Stage: String, Codable, Sendable {
        /// Password checked; the second factor (or its enrolment) still to come.
        case passwordVerified = "password_verified"
        case complete
    }

    @ID(key: .id) package var id: UUID?
    /// SHA-256 of the cookie value; the cookie itself is never stored.
    @Field(key: "token_hash") package var tokenHash: String
    @Parent(key: "user_id") package var user: StaffUser
    @Field(key: "stage") package var stage: Stage
    @Field(key: "created_at") package var createdAt: Date
    @Field(key: "last_seen_at") package var lastSeenAt: Date

    package init() {}

    package init(tokenHash: String, userID: UUID, stage: Stage, now: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.stage = stage
        self.createdAt = now
        self.lastSeenAt = now
    }
}
