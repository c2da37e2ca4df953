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
        let due = try await Invitation.query(on: database).filter(\.$firstMailedAt == nil).filter(\.$sendAfter <= now)
            .filter(\.$completed == false).filter(\.$unsubscribed == false).filter(\.$bounced == false).filter(\.$email != nil)
            .group(.or) { $0.filter(\.$expiresAt == nil).filter(\.$expiresAt > now) }
            .limit(limit).all()
        let reminderDue = now.addingTimeInterval(-TimeInterval(config.reminderIntervalDays) * 86400)
        let remind = try await Invitation.query(on: database).filter(\.$firstMailedAt != nil).filter(\.$lastMailedAt <= reminderDue)
            .filter(\.$remindersSent < Self.maximumReminders).filter(\.$completed == false).filter(\.$unsubscribed == false)
            .filter(\.$bounced == false).filter(\.$email != nil).filter(\.$expiresAt > now.addingTimeInterval(86400))
            .limit(limit).all()
        // Adults first: their mails take their children's links along.
        let work = (due.map { ($0, MailKind.invitation) } + remind.map { ($0, MailKind.reminder) })
            .sorted { $0.0.companionOf == nil && $1.0.companionOf != nil }
        guard !work.isEmpty else {
            try await store.forgetExpiredInvitationAddresses(now: now)
            return 0
        }
        var unsubscribed: Set<String> = []
        for chunk in Array(Set(work.map(\.0.emailHash))).inBatches(of: 500) {
            unsubscribed.formUnion(try await UnsubscribedAddress.query(on: database).filter(\.$emailHash ~~ chunk).all().map(\.emailHash))
        }
        var open: [UUID: OpenQuestionnaire] = [:]
        for questionnaire in try await Questionnaire.query(on: database).filter(\.$isOpen == true).all() {
            let id = try questionnaire.requireID()
            guard let definition = try await QuestionnaireStore.latestVersion(of: id, on: database)?.definition() else { continue }
            open[id] = OpenQuestionnaire(anonymous: questionnaire.anonymous, title: definition.title)
        }
        let openQuestionnaires = open
        let expires = now.addingTimeInterval(TimeInterval(config.invitationValidDays) * 86400)
        let sending = Sending(now: now, organisation: settings.name, adultForm: settings.adultFormOfAddress)
        @Sendable func claim(_ kind: MailKind) -> InvitationMailClaim {
            InvitationMailClaim(
                kind: kind == .invitation ? .invitation : .reminder, now: now, expires: expires, reminderDue: reminderDue,
                maximumReminders: Self.maximumReminders, openQuestionnaireIDs: Array(openQuestionnaires.keys))
        }
        var queued = 0
        let stopped = unsubscribed
        // A chunk of mails shares a transaction, and its links and mails go in many rows to a
        // statement: a wave or a panel send queues thousands at once. Each mail is still claimed
        // by itself, so it goes out once however many instances run this.
        for chunk in work.inBatches(of: 250) {
            queued += try await database.transaction { database -> Int in
                let store = try Store(database, for: "InvitationMailer")
                var links: [NewInvitationLink] = []
                var mails: [NewOutboxMail] = []
                // Stopped for an address that unsubscribed after the closure arrived; waiting while
                // the questionnaire is closed.
                var candidates: [(Invitation, MailKind)] = []
                for (invitation, kind) in chunk {
                    let id = try invitation.requireID()
                    if stopped.contains(invitation.emailHash) {
                        try await store.stopInvitation(id)
                    } else if openQuestionnaires[invitation.$questionnaire.id] != nil {
                        candidates.append((invitation, kind))
                    }
                }
                // Claimed in one statement per kind: each mail goes out once however many
                // instances run this. Adults first, with the children travelling with them; then
                // a child's own invitation, only if no adult's mail took it along.
                for adults in [true, false] {
                    let group = candidates.filter { ($0.0.companionOf == nil) == adults }
                    var claimed: Set<UUID> = []
                    for kind in [MailKind.invitation, .reminder] {
                        claimed.formUnion(try await store.claimInvitationMails(group.filter { $0.1 == kind }.compactMap { $0.0.id }, claim(kind)))
                    }
                    let withChildren = adults ? try await store.invitationsWithChildren(group.compactMap { $0.0.id }) : []
                    for (invitation, kind) in group {
                        guard let id = invitation.id, claimed.contains(id), let questionnaire = openQuestionnaires[invitation.$questionnaire.id]
                        else { continue }
                        if kind == .invitation { invitation.expiresAt = invitation.expiresAt ?? expires }
                        let children = withChildren.contains(id) ? try await store.claimChildInvitationMails(adult: id, claim(kind)) : []
                        // The children's questionnaire's own promise goes beside the child's link.
                        let childIsAnonymous = children.allSatisfy { openQuestionnaires[$0.questionnaireID]?.anonymous ?? true }
                        let composed = compose(
                            kind, for: invitation, questionnaire: questionnaire, children: children.map(\.id), childIsAnonymous: childIsAnonymous,
                            sending)
                        links += composed.links
                        mails.append(composed.mail)
                    }
                }
                try await store.insertInvitationLinks(links, now: now)
                try await store.insertOutboxMails(mails, now: now)
                return mails.count
            }
        }
        try await store.forgetExpiredInvitationAddresses(now: now)
        return queued
    }

    enum MailKind: String { case invitation, reminder }

    private struct OpenQuestionnaire {
        let anonymous: Bool
        let title: LocalizedText
    }

    /// What every mail of one run shares.
    private struct Sending {
        let now: Date
        let organisation: String
        let adultForm: FormOfAddress
    }

    /// New personal links (only their hashes are stored) and the mail that carries them.
    private func compose(
        _ kind: MailKind, for invitation: Invitation, questionnaire: OpenQuestionnaire, children: [UUID], childIsAnonymous: Bool,
        _ sending: Sending
    ) -> (links: [NewInvitationLink], mail: NewOutboxMail) {
        let invitationID = invitation.id ?? UUID()
        let base = config.publicBaseURL.absoluteString
        var links: [NewInvitationLink] = []
        func newLink(for id: UUID) -> String {
            let token = SecureToken.generate()
            links.append(NewInvitationLink(invitationID: id, tokenHash: SecureToken.hash(token)))
            return token
        }
        let token = newLink(for: invitationID)
        let childLinks = children.map { base + SiteRoute.invitationStart(token: newLink(for: $0)).path }
        let ownLink = base + SiteRoute.invitationStart(token: token).path
        let isChild = invitation.companionOf != nil || invitation.respondentRole == QuestionnaireDefinition.Audience.child8to11.rawValue
        let language = Language(rawValue: invitation.language) ?? .default
        let unsubscribe = base + SiteRoute.unsubscribe(token: token).path
        // Current clients in a survey wave: their care goes on, and their mail says so.
        let isWave = invitation.wavePersonKey != nil
        let text = InvitationMailText(
            kind: kind == .invitation ? (isWave ? .waveInvitation : .invitation) : (isWave ? .waveReminder : .reminder),
            addressee: isChild ? .childrenOnly : .audience(QuestionnaireDefinition.Audience(rawValue: invitation.respondentRole) ?? .parent),
            language: language, adultForm: sending.adultForm)
        let details = InvitationMailText.Details(
            organisation: sending.organisation, title: questionnaire.title.text(language.rawValue), link: ownLink,
            childLinks: isChild ? [ownLink] : childLinks, isAnonymous: questionnaire.anonymous, unsubscribe: unsubscribe,
            expires: invitation.expiresAt ?? sending.now, calendar: config.calendar, childIsAnonymous: isChild ? questionnaire.anonymous : childIsAnonymous)
        let id = UUID()
        let message = MailMessage(
            messageID: OutboxSender.messageID(id), from: config.mailFrom, fromName: sending.organisation, to: invitation.email ?? "",
            subject: text.subject(details, localizer: localizer), body: text.body(details, localizer: localizer), date: sending.now,
            unsubscribeURL: unsubscribe)
        return (links, NewOutboxMail(id: id, invitationID: invitationID, kind: kind.rawValue, recipient: invitation.email ?? "", message: message.rendered()))
    }
}
