import Fluent
import Foundation
import MeedenkenCore

/// One person invited to one questionnaire. It knows how to reach the person until that is no
/// longer needed, and how far they got (mailed, reminded, opened, completed) — but never what
/// they answered: the response holds no reference to it (DESIGN §4.1).
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "questionnaire_id") var questionnaire: Questionnaire
    @OptionalParent(key: "closure_id") var closure: TrajectoryClosure?
    @OptionalParent(key: "team_id") var team: Team?
    /// The audience (`parent`, `youth_12_plus`, …): the respondent role on the response.
    @Field(key: "respondent_role") var respondentRole: String
    /// Coarse only (`12-15`): copied onto the response.
    @OptionalField(key: "age_band") var ageBand: String?
    @Field(key: "language") var language: String
    /// Erased when it is no longer needed: completed, unsubscribed, bounced or expired.
    @OptionalField(key: "email") var email: String?
    /// SHA-256 of the address, to honour an unsubscribe without keeping the address.
    @Field(key: "email_hash") var emailHash: String
    /// The invitation mail goes out on or after this moment.
    @Field(key: "send_after") var sendAfter: Date
    @OptionalField(key: "first_mailed_at") var firstMailedAt: Date?
    @OptionalField(key: "last_mailed_at") var lastMailedAt: Date?
    @Field(key: "reminders_sent") var remindersSent: Int
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @Field(key: "opened") var opened: Bool
    @Field(key: "completed") var completed: Bool
    @Field(key: "unsubscribed") var unsubscribed: Bool
    @Field(key: "bounced") var bounced: Bool
    @Field(key: "created_at") var createdAt: Date
    /// A child's invitation (8 to 11): the adult's invitation whose mail carries its link.
    @OptionalField(key: "companion_of") var companionOf: UUID?
    /// A survey wave's invitation: a keyed hash naming the person within the wave.
    @OptionalField(key: "wave_person_key") var wavePersonKey: String?

    init() {}

    init(
        questionnaireID: UUID, closureID: UUID?, teamID: UUID?, respondentRole: String, ageBand: String?, language: String,
        email: String, sendAfter: Date, createdAt: Date
    ) {
        self.$questionnaire.id = questionnaireID
        self.$closure.id = closureID
        self.$team.id = teamID
        self.respondentRole = respondentRole
        self.ageBand = ageBand
        self.language = language
        self.email = email
        self.emailHash = Invitation.hash(email: email)
        self.sendAfter = sendAfter
        self.remindersSent = 0
        self.opened = false
        self.completed = false
        self.unsubscribed = false
        self.bounced = false
        self.createdAt = createdAt
    }

    static func hash(email: String) -> String {
        SecureToken.hash("email:" + email.lowercased())
    }
}

struct CreateInvitation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Invitation.schema)
            .id()
            .field("questionnaire_id", .uuid, .required, .references(Questionnaire.schema, .id))
            .field("closure_id", .uuid, .references(TrajectoryClosure.schema, .id))
            .field("team_id", .uuid, .references(Team.schema, .id))
            .field("respondent_role", .string, .required)
            .field("age_band", .string)
            .field("language", .string, .required)
            .field("email", .string)
            .field("email_hash", .string, .required)
            .field("send_after", .datetime, .required)
            .field("first_mailed_at", .datetime)
            .field("last_mailed_at", .datetime)
            .field("reminders_sent", .int, .required)
            .field("expires_at", .datetime)
            .field("opened", .bool, .required)
            .field("completed", .bool, .required)
            .field("unsubscribed", .bool, .required)
            .field("bounced", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).delete()
    }
}
