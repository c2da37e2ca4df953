import Foundation
import MeedenkenCore

/// The panel's rules an organisation may set (DOMAIN "Privacy"): who agrees at which age, how
/// often a member may be asked, and how long sign-up data and consent are kept.
public struct PanelSettings: Sendable, Equatable {
    public var consent = ConsentRule.standard
    public var contactCap = ContactCap()
    /// A sign-up nobody confirmed is deleted after this many hours.
    public var unconfirmedHours = 72
    /// Consent holds this many months; a renewal mail goes a month before, and without renewal
    /// the member is removed.
    public var consentMonths = 24
    /// A "Mijn gegevens" link in a mail works this many days.
    public var manageLinkDays = 60

    public init() {}

    static func read(_ reader: inout SettingsReader) -> PanelSettings {
        var settings = PanelSettings()
        let own = reader.integer("MEEDENKEN_PANEL_OWN_CONSENT_AGE", default: 16, range: 12...18)
        let withParent = reader.integer("MEEDENKEN_PANEL_PARENT_CONSENT_AGE", default: 12, range: 8...18)
        settings.consent = ConsentRule(ownConsentFrom: own, withParentFrom: withParent)
        settings.contactCap = ContactCap(days: reader.integer("MEEDENKEN_PANEL_CONTACT_DAYS", default: 28, range: 1...365))
        settings.unconfirmedHours = reader.integer("MEEDENKEN_PANEL_UNCONFIRMED_HOURS", default: 72, range: 1...720)
        settings.consentMonths = reader.integer("MEEDENKEN_PANEL_CONSENT_MONTHS", default: 24, range: 1...60)
        return settings
    }
}
