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
        for (invitation, kind) in work {
            let id = try invitation.requireID()
            // An address that unsubscribed after the closure arrived still gets nothing.
            if unsubscribed.contains(invitation.emailHash) {
                try await store.stopInvitation(id)
                continue
            }
            // A closed questionnaire sends nothing; its invitations wait until it opens again.
            guard let questionnaire = open[invitation.$questionnaire.id] else { continue }
            let queuedOne = try await database.transaction { database in
                let store = try Store(database, for: "InvitationMailer")
                // The claim makes each mail go out once, however many instances run this.
                guard try await store.claimInvitationMail(id, claim(kind)) else { return false }
                if kind == .invitation { invitation.expiresAt = invitation.expiresAt ?? expires }
                let children =
                    invitation.companionOf == nil
                    ? try await store.claimChildInvitationMails(adult: id, claim(kind)) : []
                // The children's questionnaire's own promise goes beside the child's link.
                let childIsAnonymous = children.allSatisfy { openQuestionnaires[$0.questionnaireID]?.anonymous ?? true }
                try await queue(
                    kind, for: invitation, questionnaire: questionnaire, children: children.map(\.id), childIsAnonymous: childIsAnonymous,
                    sending, on: database)
                return true
            }
            if queuedOne { queued += 1 }
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
    private func queue(
        _ kind: MailKind, for invitation: Invitation, questionnaire: OpenQuestionnaire, children: [UUID], childIsAnonymous: Bool,
        _ sending: Sending, on database: any Database
    ) async throws {
        let invitationID = try invitation.requireID()
        let base = config.publicBaseURL.absoluteString
        func newLink(for id: UUID) async throws -> String {
            let token = SecureToken.generate()
            try await InvitationLink(invitationID: id, tokenHash: SecureToken.hash(token), createdAt: sending.now).create(on: database)
            return token
        }
        let token = try await newLink(for: invitationID)
        var childLinks: [String] = []
        for child in children { childLinks.append(base + SiteRoute.invitationStart(token: try await newLink(for: child)).path) }
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
        try await OutboxMessage(
            id: id, invitationID: invitationID, kind: kind.rawValue, recipient: invitation.email ?? "", message: message.rendered(), now: sending.now
        ).create(on: database)
    }
}
