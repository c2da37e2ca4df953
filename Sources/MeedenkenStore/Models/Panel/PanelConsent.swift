import FluentKit
import Foundation

/// One consent: who agreed (the member or a parent), when, to which version of the text, and
/// until when. Withdrawing ends the membership; the record goes with the member.
package final class PanelConsent: Model, @unchecked Sendable {
    package static let schema = "panel_consents"

    package enum GivenBy: String, Codable, Sendable {
        case member
        case parent
    }

    @ID(key: .id) package var id: UUID?
    @Parent(key: "member_id") package var member: PanelMember
    @Field(key: "given_by") package var givenBy: GivenBy
    @Field(key: "text_version") package var textVersion: String
    @Field(key: "agreed_at") package var agreedAt: Date
    @Field(key: "expires_at") package var expiresAt: Date
    @OptionalField(key: "withdrawn_at") package var withdrawnAt: Date?

    package init() {}

    package init(memberID: UUID, givenBy: GivenBy, textVersion: String, agreedAt: Date, expiresAt: Date) {
        self.$member.id = memberID
        self.givenBy = givenBy
        self.textVersion = textVersion
        self.agreedAt = agreedAt
        self.expiresAt = expiresAt
    }
}
