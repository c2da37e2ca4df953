import FluentKit
import Foundation
import MeedenkenCore

/// A member of staff who logs in. Never deleted (the audit log refers to them): disabled instead.
package final class StaffUser: Model, @unchecked Sendable {
    package static let schema = "staff_users"

    @ID(key: .id) package var id: UUID?
    @Field(key: "email") package var email: String
    @Field(key: "display_name") package var displayName: String
    /// Nil until the person has chosen a password through their activation link.
    @OptionalField(key: "password_hash") package var passwordHash: String?
    @Field(key: "role") package var role: Role
    @Field(key: "language") package var language: Language
    @Field(key: "is_disabled") package var isDisabled: Bool
    @OptionalField(key: "totp_secret") package var totpSecret: String?
    /// A secret shown during enrolment, kept until the first code proves the app has it.
    @OptionalField(key: "pending_totp_secret") package var pendingTOTPSecret: String?
    /// The last time step whose code was accepted: a code works only once.
    @OptionalField(key: "totp_last_step") package var totpLastStep: Int64?
    @Field(key: "created_at") package var createdAt: Date
    @Siblings(through: StaffTeamScope.self, from: \.$user, to: \.$team) package var teams: [Team]

    package init() {}

    package init(id: UUID? = nil, email: String, displayName: String, role: Role, language: Language, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.language = language
        self.isDisabled = false
        self.createdAt = createdAt
    }

    package var hasSecondFactor: Bool { totpSecret != nil }
}
