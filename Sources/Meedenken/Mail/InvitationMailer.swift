import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Puts invitation and reminder mails in the outbox when they are due. Each invitation is claimed
/// with a conditional update, so however many instances run this, a person gets each mail once.
struct InvitationMailer {
    let database: any Database
    let config: AppConfig
    let localizer: Localizer

    static let maximumReminders = 2

    /// Queues due invitations and reminders; returns how many mails were queued. Questionnaires and
    /// unsubscribed addresses are read once per run, not once per mail. A child's invitation
    /// (8 to 11) travels in the mail of the adult it names (`companion_of`), with a link of its
    /// own; it gets a mail of its own only when the adult's is not going out with it.
    @discardableResult
    func run(now: Date, limit: Int = 500) async throws -> Int {
        let store = try Store(database, for: "InvitationMailer")
        let settings = try await OrganisationSettings.current(on: database, defaultName: config.organisationName, now: now)
        // A survey wave's invitation knows its end already: after it, nothing goes out.
        let due = try await store.invitationsDueForFirstMail(now: now, limit: limit)
        let reminderDue = now.addingTimeInterval(-TimeInterval(config.reminderIntervalDays) * 86400)
        let remind = try await store.invitationsDueForReminder(lastMailedBefore: reminderDue, maximum: Self.maximumReminders, now: now, limit: limit)
        // Adults first: their mails take their children's links along.
        let work = (due.map { ($0, MailKind.invitation) } + remind.map { ($0, MailKind.reminder) })
            .sorted { $0.0.companionOf == nil && $1.0.companionOf != nil }
        guard !work.isEmpty else {
            try await store.forgetExpiredInvitationAddresses(now: now)
            return 0
        }
        let unsubscribed = try await store.unsubscribedAddresses(among: work.map(\.0.emailHash))
        var open: [UUID: OpenQuestionnaire] = [:]
        for questionnaire in try await Questionnaire.query(on: database).filter(\.$isOpen == true).all() {
            let id = try questionnaire.requireID()
            guard let definition = try await QuestionnaireStore.latestVersion(of: id, on: database)?.definition() else { continue }
            open[id] = OpenQuestionnaire(anonymous: questionnaire.anonymous, title: definition.title)
        }
        let openQuestionnaires = open
        let expires = now.addingTimeInterval(TimeInterval(config.invitationValidDays) * 86400)
        let sending = Sending(
            now: now, organisation: settings.name, adultForm: settings.adultFormOfAddress,
            manageLinkExpires: now.addingTimeInterval(TimeInterval(config.panel.manageLinkDays) * 86_400))
        @Sendable func claim(_ kind: MailKind) -> InvitationMailClaim {
            InvitationMailClaim(
                kind: kind == .invitation ? .invitation : .reminder, now: now, expires: expires, reminderDue: reminderDue,
                maximumReminders: Self.maximumReminders, openQuestionnaireIDs: Array(openQuestionnaires.keys))
        }
        // A panel member's mail carries a link to "Mijn gegevens", like every mail to them. A
        // member who paused, left or changed address since the send is not asked (nor reminded).
        let members = try await store.panelMemberIDs(
            emailHashes: work.filter { $0.0.panelSendID != nil }.map { PanelMember.hash(email: $0.0.email) })
        let stops = work.map(\.0).filter { invitation in
            unsubscribed.contains(invitation.emailHash)
                || (invitation.panelSendID != nil && members[PanelMember.hash(email: invitation.email)] == nil)
        }
        // Stopped for an address that unsubscribed after the closure arrived (and for such a
        // member); waiting while the questionnaire is closed.
        for invitation in stops { try await store.stopInvitation(invitation.id) }
        let stopped = Set(stops.map(\.id))
        let candidates = work.filter { !stopped.contains($0.0.id) && openQuestionnaires[$0.0.questionnaireID] != nil }
        // An adult's mail that takes a child's link along is written once the child's invitation
        // is claimed with it.
        let withChildren = try await store.invitationsWithChildren(candidates.filter { $0.0.companionOf == nil }.map(\.0.id))
        @Sendable func letter(_ invitation: DueInvitationMail, _ kind: MailKind, children: [(id: UUID, questionnaireID: UUID)]) -> Letter? {
            guard let questionnaire = openQuestionnaires[invitation.questionnaireID] else { return nil }
            return Letter(
                kind: kind, invitation: invitation,
                // The claim gives a first invitation without an end this run's.
                expires: kind == .invitation ? invitation.expiresAt ?? expires : invitation.expiresAt ?? now,
                questionnaire: questionnaire, children: children.map(\.id),
                // The children's questionnaire's own promise goes beside the child's link.
                childIsAnonymous: children.allSatisfy { openQuestionnaires[$0.questionnaireID]?.anonymous ?? true },
                panelMemberID: invitation.panelSendID == nil ? nil : members[PanelMember.hash(email: invitation.email)])
        }
        // Writing the mails (links, text) takes about as long as storing them, so the next
        // chunk's mails are written while this chunk is stored. A mail written for an invitation
        // that another instance claims first is thrown away: its links were never stored.
        @Sendable func writeAhead(_ chunk: ArraySlice<(DueInvitationMail, MailKind)>) -> Task<[UUID: Written], Never> {
            let letters = chunk.filter { !withChildren.contains($0.0.id) }.compactMap { letter($0.0, $0.1, children: []) }
            return Task { Dictionary(zip(letters.map(\.invitation.id), await write(letters, sending))) { first, _ in first } }
        }
        var queued = 0
        // A chunk of mails shares a transaction, and its links and mails go in many rows to a
        // statement: a wave or a panel send queues thousands at once. Each mail is still claimed
        // by itself, so it goes out once however many instances run this.
        let chunks = candidates.inBatches(of: 1000)
        var ahead = chunks.first.map(writeAhead)
        for (index, chunk) in chunks.enumerated() {
            guard let written = ahead else { break }
            ahead = index + 1 < chunks.count ? writeAhead(chunks[index + 1]) : nil
            queued += try await database.transaction { database -> Int in
                let store = try Store(database, for: "InvitationMailer")
                let ready = await written.value
                var mails: [Written] = []
                // Claimed in one statement per kind. Adults first, with the children travelling
                // with them; then a child's own invitation, only if no adult's mail took it along.
                for adults in [true, false] {
                    let group = chunk.filter { ($0.0.companionOf == nil) == adults }
                    var claimed: Set<UUID> = []
                    for kind in [MailKind.invitation, .reminder] {
                        claimed.formUnion(try await store.claimInvitationMails(group.filter { $0.1 == kind }.map(\.0.id), claim(kind)))
                    }
                    for (invitation, kind) in group where claimed.contains(invitation.id) {
                        if let mail = ready[invitation.id] {
                            mails.append(mail)
                        } else if let letter = letter(
                            invitation, kind, children: try await store.claimChildInvitationMails(adult: invitation.id, claim(kind)))
                        {
                            mails.append(compose(letter, sending))
                        }
                    }
                }
                try await store.insertInvitationLinks(mails.flatMap(\.links), now: now)
                try await store.insertPanelManageLinks(mails.compactMap(\.manageLink), now: now)
                try await store.insertOutboxMails(mails.map(\.mail), now: now)
                return mails.count
            }
        }
        try await store.forgetExpiredInvitationAddresses(now: now)
        return queued
    }

    enum MailKind: String { case invitation, reminder }

    private struct OpenQuestionnaire: Sendable {
        let anonymous: Bool
        let title: LocalizedText
    }

    /// What every mail of one run shares.
    private struct Sending: Sendable {
        let now: Date
        let organisation: String
        let adultForm: FormOfAddress
        /// Until when a new "Mijn gegevens" link works.
        let manageLinkExpires: Date
    }

    /// One mail to write: the invitation it is for, and what goes in it.
    private struct Letter: Sendable {
        let kind: MailKind
        let invitation: DueInvitationMail
        let expires: Date
        let questionnaire: OpenQuestionnaire
        let children: [UUID]
        let childIsAnonymous: Bool
        /// A panel member's, for their "Mijn gegevens" link.
        let panelMemberID: UUID?
    }

    /// A written mail with the new links it carries (only their hashes are stored).
    private struct Written: Sendable {
        let links: [NewInvitationLink]
        let manageLink: NewPanelManageLink?
        let mail: NewOutboxMail
    }

    /// Writes the letters on a thread of its own, outside Swift's small pool of threads: the
    /// next chunk is written there while this chunk is stored, and the store's steps must not
    /// wait for a free thread while mails are being written.
    private func write(_ letters: [Letter], _ sending: Sending) async -> [Written] {
        await withCheckedContinuation { continuation in
            Self.writing.async { continuation.resume(returning: letters.map { compose($0, sending) }) }
        }
    }

    private static let writing = DispatchQueue(label: "meedenken.invitation-mailer.writing")

    private func compose(_ letter: Letter, _ sending: Sending) -> Written {
        let invitation = letter.invitation
        let base = config.publicBaseURL.absoluteString
        var links: [NewInvitationLink] = []
        func newLink(for id: UUID) -> String {
            let token = SecureToken.generate()
            links.append(NewInvitationLink(invitationID: id, tokenHash: SecureToken.hash(token)))
            return token
        }
        let token = newLink(for: invitation.id)
        let childLinks = letter.children.map { base + SiteRoute.invitationStart(token: newLink(for: $0)).path }
        let ownLink = base + SiteRoute.invitationStart(token: token).path
        let isChild = invitation.companionOf != nil || invitation.respondentRole == QuestionnaireDefinition.Audience.child8to11.rawValue
        let language = Language(rawValue: invitation.language) ?? .default
        let unsubscribe = base + SiteRoute.unsubscribe(token: token).path
        var manageLink: NewPanelManageLink?
        var myData: String?
        if invitation.panelSendID != nil {
            // A member whose address changed since the send finds the page that mails a new link.
            myData = base + SiteRoute.myDataLink.path
            if let member = letter.panelMemberID {
                let manageToken = SecureToken.generate()
                manageLink = NewPanelManageLink(memberID: member, tokenHash: SecureToken.hash(manageToken), expiresAt: sending.manageLinkExpires)
                myData = base + SiteRoute.myData(token: manageToken).path
            }
        }
        let text = InvitationMailText(
            kind: InvitationMailText.Kind(
                letter.kind == .invitation ? .invitation : .reminder, isWave: invitation.isWave, isPanel: invitation.panelSendID != nil),
            addressee: isChild ? .childrenOnly : .audience(QuestionnaireDefinition.Audience(rawValue: invitation.respondentRole) ?? .parent),
            language: language, adultForm: sending.adultForm)
        let details = InvitationMailText.Details(
            organisation: sending.organisation, title: letter.questionnaire.title.text(language.rawValue), link: ownLink,
            childLinks: isChild ? [ownLink] : childLinks, isAnonymous: letter.questionnaire.anonymous, unsubscribe: unsubscribe,
            expires: letter.expires, calendar: config.calendar,
            childIsAnonymous: isChild ? letter.questionnaire.anonymous : letter.childIsAnonymous, myData: myData)
        let id = UUID.random()
        let message = MailMessage(
            messageID: OutboxSender.messageID(id), from: config.mailFrom, fromName: sending.organisation, to: invitation.email,
            subject: text.subject(details, localizer: localizer), body: text.body(details, localizer: localizer), date: sending.now,
            unsubscribeURL: unsubscribe)
        return Written(
            links: links, manageLink: manageLink,
            mail: NewOutboxMail(id: id, invitationID: invitation.id, kind: letter.kind.rawValue, recipient: invitation.email, message: message.rendered()))
    }
}
