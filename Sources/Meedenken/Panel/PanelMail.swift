import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The mails of thinking along, in the member's language, through the outbox. Every mail to a
/// member carries a fresh link to "Mijn gegevens" (or, before confirming, the confirmation link).
enum PanelMail: String, Sendable {
    /// The first mail: confirm your address (single-use link).
    case confirm
    /// To a parent of a 12 to 15-year-old: confirm that your child may join.
    case parentConfirm = "parent_confirm"
    /// Confirmed: welcome, with the link to "Mijn gegevens".
    case welcome
    /// A second sign-up with a known address: "you are already signed up, here is your link".
    case alreadySignedUp = "already_signed_up"
    /// Asked for on the "Mijn gegevens" page: a new link.
    case manageLink = "manage_link"
    /// A month before consent ends: renew it through "Mijn gegevens".
    case renewal

    var kind: String { "panel_\(rawValue)" }

    /// The catalog key of this mail's subject or body (`part`) for `member`. A child signed up by
    /// a parent has the parent's address, so the mail speaks to the parent about the child; a
    /// youth is "je"; adults as the organisation chose ("je" or "u"), like its invitations.
    func key(_ part: String, for member: PanelMember, adultForm: FormOfAddress) -> String {
        let whom: String =
            switch self {
            case .parentConfirm: adultForm.rawValue
            default:
                if member.source == .parent {
                    "parent.\(adultForm.rawValue)"
                } else if member.role == PanelRole.youth.rawValue {
                    "member.\(FormOfAddress.je.rawValue)"
                } else {
                    "member.\(adultForm.rawValue)"
                }
            }
        return "mail.panel.\(rawValue).\(whom).\(part)"
    }
}

extension Request {
    /// Queues `mail` to `member` (or to `address`, for the parent's mail) with `link` as its link.
    func queuePanelMail(_ mail: PanelMail, to member: PanelMember, address: String? = nil, link: SiteRoute, expires: Date) async throws {
        let language = Language(rawValue: member.language) ?? .default
        let values = [
            "name": member.firstName, "organisation": try await organisation().name,
            "link": application.config.publicBaseURL.absoluteString + link.path,
            "expires": application.calendar.formatted(expires, language: language),
            "own": String(application.config.panel.consent.ownConsentFrom),
        ]
        let localizer = application.localizer
        let adultForm = try await OrganisationSettings.current(on: db, defaultName: application.config.organisationName, now: now).adultFormOfAddress
        try await queueMail(
            kind: mail.kind, to: address ?? member.email,
            subject: localizer.text(mail.key("subject", for: member, adultForm: adultForm), in: language, values),
            body: localizer.text(mail.key("body", for: member, adultForm: adultForm), in: language, values))
    }
}
