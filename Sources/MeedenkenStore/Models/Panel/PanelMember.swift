import FluentKit
import Foundation
import MeedenkenCore

/// Someone who signed up to think along (or was proposed and is deciding). Only what is needed to
/// ask them; never anything about their case. Deleting a member deletes this row, their consent
/// records and links at once; only the month's anonymous counts stay (`PanelMonthCount`).
package final class PanelMember: Model, @unchecked Sendable {
    package static let schema = "panel_members"

    package enum Status: String, Codable, CaseIterable, Sendable {
        /// Signed up, the confirmation mail not yet followed: nothing is used.
        case unconfirmed
        /// Confirmed themselves; a parent's confirmation is still needed (12 to 15).
        case awaitingParent = "awaiting_parent"
        /// A panel member: may be asked.
        case active
        /// A member who asked not to be asked for now.
        case paused
    }

    /// How the sign-up came in.
    package enum Source: String, Codable, Sendable {
        case themselves
        /// A parent signed up their child (under the age to sign up with a parent's confirmation).
        case parent
        /// A caseworker proposed them; they decide themselves through the same mail.
        case caseworker
    }

    @ID(key: .id) package var id: UUID?
    @Field(key: "first_name") package var firstName: String
    @Field(key: "email") package var email: String
    /// To find a second sign-up with the same address without comparing addresses one by one.
    @Field(key: "email_hash") package var emailHash: String
    @OptionalField(key: "phone") package var phone: String?
    @Field(key: "role") package var role: String
    @OptionalField(key: "birth_year") package var birthYear: Int?
    @Field(key: "language") package var language: String
    /// Comma-separated `WayToJoin` raw values.
    @Field(key: "ways") package var ways: String
    /// Comma-separated theme keys.
    @Field(key: "topics") package var topics: String
    @OptionalField(key: "team_id") package var teamID: UUID?
    @OptionalField(key: "region_id") package var regionID: UUID?
    /// Comma-separated `ParticipationNeed` raw values.
    @Field(key: "needs") package var needs: String
    @Field(key: "status") package var status: Status
    /// The `ConsentRule.Requirement` that applied at sign-up.
    @Field(key: "consent_rule") package var consentRule: String
    @Field(key: "source") package var source: Source
    /// A parent's address, kept only until the parent confirms (12 to 15).
    @OptionalField(key: "parent_email") package var parentEmail: String?
    /// The member's own choice: at most one request per this many days (never more often than
    /// the organisation's cap).
    @OptionalField(key: "frequency_days") package var frequencyDays: Int?
    @OptionalField(key: "last_asked_at") package var lastAskedAt: Date?
    @Field(key: "created_at") package var createdAt: Date
    @OptionalField(key: "confirmed_at") package var confirmedAt: Date?
    @OptionalField(key: "consent_expires_at") package var consentExpiresAt: Date?
    @OptionalField(key: "renewal_sent_at") package var renewalSentAt: Date?
    @Field(key: "updated_at") package var updatedAt: Date

    package init() {}

    package static func hash(email: String) -> String {
        SecureToken.hash("panel-email:" + email.lowercased())
    }

    package var wayList: [WayToJoin] { ways.split(separator: ",").compactMap { WayToJoin(rawValue: String($0)) } }
    package var topicList: [String] { topics.split(separator: ",").map(String.init) }
    package var needList: [ParticipationNeed] { needs.split(separator: ",").compactMap { ParticipationNeed(rawValue: String($0)) } }
    /// A member who counts: confirmed (by a parent too when needed), paused or not.
    package var isMember: Bool { status == .active || status == .paused }
}
