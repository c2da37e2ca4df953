import Fluent
import Foundation
import MeedenkenCore

/// The organisation's own settings, one row, edited by administrators.
final class OrganisationSettings: Model, @unchecked Sendable {
    static let schema = "organisation_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "brand_colour") var brandColour: String
    @OptionalField(key: "logo") var logo: Data?
    @OptionalField(key: "logo_content_type") var logoContentType: String?
    @OptionalField(key: "contact_url") var contactURL: String?
    @OptionalField(key: "complaints_url") var complaintsURL: String?
    @OptionalField(key: "confidential_adviser_url") var confidentialAdviserURL: String?
    @Field(key: "privacy_statement") var privacyStatement: String
    @Field(key: "minimum_group_size") var minimumGroupSize: Int
    /// `je` or `u` for adults in mails (`FormOfAddress`).
    @Field(key: "adult_form_of_address") var adultFormOfAddressValue: String
    @Field(key: "updated_at") var updatedAt: Date
    /// The help lines as JSON (`[HelpLine]`); nil: the Dutch defaults.
    @OptionalField(key: "help_lines") var helpLines: String?
    /// Who gets an answer that may signal danger at once: e-mail addresses, one a line.
    @OptionalField(key: "on_duty") var onDuty: String?
    /// Hours until an unacknowledged signal is sent again, to administrators too; nil: the default.
    @OptionalField(key: "escalation_hours") var escalationHours: Int?

    init() {}

    init(name: String, brandColour: String, minimumGroupSize: Int, updatedAt: Date) {
        self.name = name
        self.brandColour = brandColour
        self.privacyStatement = ""
        self.minimumGroupSize = minimumGroupSize
        self.adultFormOfAddressValue = FormOfAddress.default.rawValue
        self.updatedAt = updatedAt
    }

    var adultFormOfAddress: FormOfAddress {
        get { FormOfAddress(rawValue: adultFormOfAddressValue) ?? .default }
        set { adultFormOfAddressValue = newValue.rawValue }
    }
}
