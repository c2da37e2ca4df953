import FluentKit
import Foundation
import MeedenkenCore

/// One person invited to one questionnaire. It knows how to reach the person until that is no
/// longer needed, and how far they got (mailed, reminded, opened, completed) — but never what
/// they answered: the response holds no reference to it (DESIGN §4.1).
package final class Invitation: Model, @unchecked Sendable {
    package static let schema = "invitations"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "questionnaire_id") package var questionnaire: Questionnaire
    @OptionalParent(key: "closure_id") package var closure: TrajectoryClosure?
    @OptionalParent(key: "team_id") package var team: Team?
    /// The audience (`parent`, `youth_12_plus`, …): the respondent role on the response.
    @Field(key: "respondent_role") package var respondentRole: String
    /// Coarse only (`12-15`): copied onto the response.
    @OptionalField(key: "age_band") package var ageBand: String?
    @Field(key: "language") package var language: String
    /// Erased when it is no longer needed: completed, unsubscribed, bounced or expired.
    @OptionalField(key: "email") package var email: String?
    /// SHA-256 of the address, to honour an unsubscribe without keeping the address.
    @Field(key: "email_hash") package var emailHash: String
    /// The invitation mail goes out on or after this moment.
    @Field(key: "send_after") package var sendAfter: Date
    @OptionalField(key: "first_mailed_at") package var firstMailedAt: Date?
    @OptionalField(key: "last_mailed_at") package var lastMailedAt: Date?
    @Field(key: "reminders_sent") package var remindersSent: Int
    @OptionalField(key: "expires_at") package var expiresAt: Date?
    @Field(key: "opened") package var opened: Bool
    @Field(key: "completed") package var completed: Bool
    @Field(key: "unsubscribed") package var unsubscribed: Bool
    @Field(key: "bounced") package var bounced: Bool
    @Field(key: "created_at") package var createdAt: Date
    /// A child's invitation (8 to 11): the adult's invitation whose mail carries its link.
    @OptionalField(key: "companion_of") package var companionOf: UUID?
    /// A survey wave's invitation: a keyed hash naming the person within the wave.
    @OptionalField(key: "wave_person_key") package var wavePersonKey: String?
    /// A panel questionnaire's invitation: the send it came from (for the send's response rate).
    @OptionalField(key: "panel_send_id") package var panelSendID: UUID?

    package init() {}

    package init(
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

    package static func hash(email: String) -> String {
        SecureToken.hash("email:" + email.lowercased())
    }
}
