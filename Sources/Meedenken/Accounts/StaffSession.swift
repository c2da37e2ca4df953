import Fluent
import Foundation

/// A logged-in browser. Kept in the database so that any instance can serve any request and a
/// user's sessions can all be ended at once (disabled, new password, new second factor).
final class StaffSession: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    enum Stage: String, Codable, Sendable {
        /// Password checked; the second factor (or its enrolment) still to come.
        case passwordVerified = "password_verified"
        case complete
    }

    @ID(key: .id) var id: UUID?
    /// SHA-256 of the cookie value; the cookie itself is never stored.
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "stage") var stage: Stage
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, stage: Stage, now: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.stage = stage
        self.createdAt = now
        self.lastSeenAt = now
    }
}
