import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The links mailed to members: a token of 256 bits, only its hash stored, expiring. Confirmation
/// links are single use; a "Mijn gegevens" link works until it expires.
struct PanelLinks {
    let database: any Database
    let now: Date

    /// A new link for `purpose`; returns the route holding the token and when it expires.
    func issue(_ purpose: PanelLink.Purpose, for member: PanelMember, lifetime: TimeInterval) async throws -> (route: SiteRoute, expires: Date) {
        let token = SecureToken.generate()
        let expires = now.addingTimeInterval(lifetime)
        try await PanelLink(memberID: try member.requireID(), purpose: purpose, tokenHash: SecureToken.hash(token), expiresAt: expires, createdAt: now)
            .create(on: database)
        let route: SiteRoute =
            switch purpose {
            case .confirm: .panelConfirm(token: token)
            case .parentConfirm: .panelParentConfirm(token: token)
            case .manage: .myData(token: token)
            }
        return (route, expires)
    }

    /// The unexpired link with this token and purpose, with its member.
    func find(_ token: String, purpose: PanelLink.Purpose) async throws -> (link: PanelLink, member: PanelMember)? {
        guard !token.isEmpty,
            let link = try await PanelLink.query(on: database).filter(\.$tokenHash == SecureToken.hash(token)).filter(\.$purpose == purpose).first(),
            link.expiresAt > now, let member = try await PanelMember.find(link.$member.id, on: database)
        else { return nil }
        return (link, member)
    }
}

extension Request {
    var panelLinks: PanelLinks { PanelLinks(database: db, now: now) }

    /// A confirmation link lives as long as an unconfirmed sign-up is kept: the mail's "works
    /// until" is true, and no link outlives the sign-up it confirms.
    var panelConfirmationLifetime: TimeInterval { TimeInterval(application.config.panel.unconfirmedHours) * 3600 }

    /// Mails `mail` with a fresh "Mijn gegevens" link to a member.
    func mailManageLink(_ mail: PanelMail, to member: PanelMember) async throws {
        let link = try await panelLinks.issue(.manage, for: member, lifetime: TimeInterval(application.config.panel.manageLinkDays) * 86_400)
        try await queuePanelMail(mail, to: member, link: link.route, expires: link.expires)
    }

    /// Mails asked for from public pages (confirmations, links) per address per window, whoever
    /// asks and from wherever: nobody floods a mailbox through the forms.
    static let panelMailsPerAddress = 3

    /// Runs `send` unless the address had its share of such mails in this window (silently: the
    /// page looks the same either way, so it says nothing about the address).
    func mailIfAllowed(to member: PanelMember, _ send: () async throws -> Void) async throws {
        let allowed = try await rateLimiter.allow(
            "panel-mail:\(member.emailHash)", limit: Self.panelMailsPerAddress, window: application.config.rateLimitWindow, now: now)
        if allowed { try await send() }
    }

    /// Mails a fresh confirmation link to someone who has not confirmed yet.
    func mailConfirmation(to member: PanelMember, mail: PanelMail = .confirm) async throws {
        let link = try await panelLinks.issue(.confirm, for: member, lifetime: panelConfirmationLifetime)
        try await queuePanelMail(mail, to: member, link: link.route, expires: link.expires)
    }
}
