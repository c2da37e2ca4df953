import Foundation
import MeedenkenCore

/// An invitation about to be stored: plain values, cheaper than a Fluent model per person.
package struct PlannedInvitation: Sendable {
    package let id = UUID.random()
    package let questionnaireID: UUID
    package let closureID: UUID?
    package let teamID: UUID
    package let respondentRole: String
    package let ageBand: String?
    package let language: String
    package let email: String
    package let emailHash: String
    package let sendAfter: Date
    /// A child's invitation: the adult's, whose mail carries the child's link.
    package var companionOf: UUID? = nil
    /// A survey wave's invitation: who the person is within the wave (never twice).
    package var wavePersonKey: String? = nil
    /// A survey wave's invitation: the link works until the wave ends.
    package var expiresAt: Date? = nil

    package init(
        questionnaireID: UUID, closureID: UUID?, teamID: UUID, respondentRole: String, ageBand: String?, language: String, email: String,
        emailHash: String, sendAfter: Date, companionOf: UUID? = nil, wavePersonKey: String? = nil, expiresAt: Date? = nil
    ) {
        self.questionnaireID = questionnaireID
        self.closureID = closureID
        self.teamID = teamID
        self.respondentRole = respondentRole
        self.ageBand = ageBand
        self.language = language
        self.email = email
        self.emailHash = emailHash
        self.sendAfter = sendAfter
        self.companionOf = companionOf
        self.wavePersonKey = wavePersonKey
        self.expiresAt = expiresAt
    }
}
