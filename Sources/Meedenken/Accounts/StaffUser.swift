import Fluent
import Foundation
import MeedenkenCore

/// A member of staff who logs in. Never deleted (the audit log refers to them): disabled instead.
final class StaffUser: Model, @unchecked Sendable {
    static let schema = "staff_users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    /// Nil until the person has chosen a password through their activation link.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "role") var role: Role
    @Field(key: "language") var language: Language
    @Field(key: "is_disabled") var isDisabled: Bool
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// A secret shown during enrolment, kept until the first code proves the app has it.
    @OptionalField(key: "pending_totp_secret") var pendingTOTPSecret: String?
    /// The last time step whose code was accepted: a code works only once.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Field(key: "created_at") var createdAt: Date
    @Siblings(through: StaffTeamScope.self, from: \.$user, to: \.$team) var teams: [Team]

    init() {}

    init(id: UUID? = nil, email: String, displayName: String, role: Role, language: Language, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.language = language
        self.isDisabled = false
        self.createdAt = createdAt
    }

    var hasSecondFactor: Bool { totpSecret != nil }
}
