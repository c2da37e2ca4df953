import FluentKit
import Foundation

/// One single-use recovery code, stored as a hash.
package final class RecoveryCode: Model, @unchecked Sendable {
    package static let schema = "recovery_codes"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: StaffUser
    @Field(key: "code_hash") package var codeHash: String
    @OptionalField(key: "used_at") package var usedAt: Date?

    package init() {}

    package init(userID: UUID, codeHash: String) {
        self.$user.id = userID
        self.codeHash = codeHash
    }
}
