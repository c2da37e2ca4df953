import FluentKit
import Foundation

/// An address that asked for no more invitations, kept only as its hash (`Invitation.hash(email:)`).
package final class UnsubscribedAddress: Model, @unchecked Sendable {
    package static let schema = "unsubscribed_addresses"

    @ID(key: .id) package var id: UUID?
    @Field(key: "email_hash") package var emailHash: String
    @Field(key: "unsubscribed_on") package var unsubscribedOn: String

    package init() {}

    package init(emailHash: String, unsubscribedOn: String) {
        self.emailHash = emailHash
        self.unsubscribedOn = unsubscribedOn
    }
}
