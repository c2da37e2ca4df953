import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// What happens to a membership: confirming (by the member, then a parent where the age rule
/// asks), and ending it. Ending deletes the member's row, consent records and links at once;
/// only the month's count of leavers stays. Anonymous answers were never linked and stay.
struct PanelMembership {
    let req: Request

    /// The text version a consent refers to: the sign-up page's text changes with this.
    static let consentTextVersion = "denk-mee-2026-12"

    /// The member followed their confirmation link and pressed the button.
    func confirm(_ member: PanelMember) async throws {
        let requirement = ConsentRule.Requirement(rawValue: member.consentRule) ?? .own
        member.confirmedAt = req.now
        member.updatedAt = req.now
        if requirement == .parentConfirms && member.source != .parent, let parentEmail = member.parentEmail {
            member.status = .awaitingParent
            try await member.save(on: req.db)
            let link = try await req.panelLinks.issue(.parentConfirm, for: member, lifetime: req.panelConfirmationLifetime)
            try await req.queuePanelMail(.parentConfirm, to: member, address: parentEmail, link: link.route, expires: link.expires)
            return
        }
        try await activate(member, givenBy: member.source == .parent ? .parent : .member)
    }

    /// A parent confirmed their child's sign-up (12 to 15), or its renewal.
    func confirmByParent(_ member: PanelMember) async throws {
        // The parent's address was only needed for this mail.
        member.parentEmail = nil
        try await activate(member, givenBy: .parent)
    }

    private func activate(_ member: PanelMember, givenBy: PanelConsent.GivenBy) async throws {
        let expires = Calendar(identifier: .gregorian).date(byAdding: .month, value: req.application.config.panel.consentMonths, to: req.now) ?? req.now
        let wasMember = member.isMember
        member.status = .active
        member.consentExpiresAt = expires
        member.renewalSentAt = nil
        member.updatedAt = req.now
        try await member.save(on: req.db)
        try await PanelConsent(memberID: try member.requireID(), givenBy: givenBy, textVersion: Self.consentTextVersion, agreedAt: req.now, expiresAt: expires)
            .create(on: req.db)
        if !wasMember { try await req.store.countPanelMonth(req.application.calendar.month(req.now), joined: 1) }
        try await req.mailManageLink(.welcome, to: member)
    }

    enum Renewal: Equatable {
        case renewed
        /// A parent was mailed to confirm the renewal.
        case parentAsked
        /// The member is still below the age to agree alone: a parent's address is needed.
        case parentAddressNeeded
    }

    /// Renews consent from "Mijn gegevens", by the age rule of today: a member who agrees alone
    /// renews alone; one signed up by a parent renews through the parent (whose address the
    /// mail went to); a youth still below the age to agree alone asks a parent, by mail.
    func renew(_ member: PanelMember, parentEmail: String?) async throws -> Renewal {
        if member.source == .parent {
            try await activate(member, givenBy: .parent)
            return .renewed
        }
        guard req.application.config.panel.consent.requirement(birthYear: member.birthYear, today: req.today) != .own else {
            try await activate(member, givenBy: .member)
            return .renewed
        }
        guard let parent = EmailAddress(parentEmail ?? ""), parent.value != member.email else { return .parentAddressNeeded }
        member.parentEmail = parent.value
        member.updatedAt = req.now
        try await member.save(on: req.db)
        let link = try await req.panelLinks.issue(.parentConfirm, for: member, lifetime: req.panelConfirmationLifetime)
        try await req.queuePanelMail(.parentConfirm, to: member, address: parent.value, link: link.route, expires: link.expires)
        return .parentAsked
    }

    /// Ends a membership (or an unconfirmed sign-up): everything about the person goes now.
    /// `emptyingTheLog` false: the caller deletes many and empties SQLite's log once after.
    static func delete(_ member: PanelMember, on database: any Database, store: Store, month: String, emptyingTheLog: Bool = true) async throws {
        let counted = member.isMember
        try await database.transaction { database in
            let id = try member.requireID()
            try await PanelLink.query(on: database).filter(\.$member.$id == id).delete()
            // Mail not yet sent to them goes too: it holds their address (and a link).
            let addresses = [member.email] + (member.parentEmail.map { [$0] } ?? [])
            try await OutboxMessage.query(on: database).filter(\.$recipient ~~ addresses).filter(\.$status ~~ [.pending, .failed]).delete()
            try await PanelConsent.query(on: database).filter(\.$member.$id == id).delete()
            // Panel questionnaires not yet answered are not sent any more (nor reminded); those
            // answered keep only "completed", under a hash that names nobody.
            let panelInvitations = Invitation.query(on: database).filter(\.$emailHash == Invitation.hash(email: member.email))
                .filter(\.$panelSendID != nil)
            // A questionnaire they had begun goes too: its draft holds their partial answers.
            let unanswered = try await panelInvitations.copy().filter(\.$completed == false).all(\.$id)
            try await ResponseDraft.query(on: database).filter(\.$invitationID ~~ unanswered.map { Optional($0) }).delete()
            try await panelInvitations.copy().filter(\.$completed == false).delete()
            try await panelInvitations.copy().set(\.$email, to: nil).set(\.$emailHash, to: "erased:" + UUID().uuidString).update()
            try await member.delete(on: database)
        }
        if counted { try await store.countPanelMonth(month, left: 1) }
        // Gone from the database file at once, and from SQLite's log unless a reader holds it
        // (then the next quiet moment empties it).
        if emptyingTheLog { try await store.emptyWriteAheadLog() }
    }
}
