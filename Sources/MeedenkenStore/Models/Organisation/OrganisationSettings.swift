import FluentKit
import Foundation
import MeedenkenCore

/// The organisation's own settings, one row, edited by administrators.
package final class OrganisationSettings: Model, @unchecked Sendable {
    package static let schema = "organisation_settings"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    @Field(key: "brand_colour") package var brandColour: String
    @OptionalField(key: "logo") package var logo: Data?
    @OptionalField(key: "logo_content_type") package var logoContentType: String?
    @OptionalField(key: "contact_url") package var contactURL: String?
    @OptionalField(key: "complaints_url") package var complaintsURL: String?
    @OptionalField(key: "confidential_adviser_url") package var confidentialAdviserURL: String?
    @Field(key: "privacy_statement") package var privacyStatement: String
    @Field(key: "minimum_group_size") package var minimumGroupSize: Int
    /// `je` or `u` for adults in mails (`FormOfAddress`).
    @Field(key: "adult_form_of_address") package var adultFormOfAddressValue: String
    @Field(key: "updated_at") package var updatedAt: Date
    /// The help lines as JSON (`[HelpLine]`); nil: the Dutch defaults.
    @OptionalField(key: "help_lines") package var helpLines: String?
    /// Who gets an answer that may signal danger at once: e-mail addresses, one a line.
    @OptionalField(key: "on_duty") package var onDuty: String?
    /// Hours until an unacknowledged signal is sent again, to administrators too; nil: the default.
    @OptionalField(key: "escalation_hours") package var escalationHours: Int?

    package init() {}

    package init(name: String, brandColour: String, minimumGroupSize: Int, updatedAt: Date) {
        self.name = name
        self.brandColour = brandColour
        self.privacyStatement = ""
        self.minimumGroupSize = minimumGroupSize
        self.adultFormOfAddressValue = FormOfAddress.default.rawValue
        self.updatedAt = updatedAt
    }

    package var adultFormOfAddress: FormOfAddress {
        get { FormOfAddress(rawValue: adultFormOfAddressValue) ?? .default }
        set { adultFormOfAddressValue = newValue.rawValue }
    }
}
