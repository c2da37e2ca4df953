import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
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
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "InvitationMailer") }
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
            try await forgetExpiredAddresses(now: now, sql: sql)
            return 0
        }
        var unsubscribed: Set<String> = []
        for chunk in Array(Set(work.map(\.0.emailHash))).chunked(500) {
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
        let sending = Sending(
            now: now, expires: expires, reminderDue: reminderDue, openIDs: Array(open.keys), organisation: settings.name,
            adultForm: settings.adultFormOfAddress)
        var queued = 0
        for (invitation, kind) in work {
            let id = try invitation.requireID()
            // An address that unsubscribed after the closure arrived still gets nothing.
            if unsubscribed.contains(invitation.emailHash) {
                try await sql.raw("UPDATE invitations SET unsubscribed = \(bind: true), email = NULL WHERE id = \(bind: id)").run()
                continue
            }
            // A closed questionnaire sends nothing; its invitations wait until it opens again.
            guard let questionnaire = open[invitation.$questionnaire.id] else { continue }
            let queuedOne = try await database.transaction { database in
                guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "InvitationMailer") }
                // The claim makes each mail go out once, however many instances run this.
                guard try await sql.raw(Self.claim(kind, invitation: id, sending)).first() != nil else { return false }
                if kind == .invitation { invitation.expiresAt = invitation.expiresAt ?? expires }
                let children =
                    invitation.companionOf == nil
                    ? try await sql.raw(Self.claimChildren(kind, adult: id, sending)).all().map {
                        (id: try $0.decode(column: "id", as: UUID.self), questionnaire: try $0.decode(column: "questionnaire_id", as: UUID.self))
                    } : []
                // The children's questionnaire's own promise goes beside the child's link.
                let childIsAnonymous = children.allSatisfy { openQuestionnaires[$0.questionnaire]?.anonymous ?? true }
                try await queue(
                    kind, for: invitation, questionnaire: questionnaire, children: children.map(\.id), childIsAnonymous: childIsAnonymous,
                    sending, on: database)
                return true
            }
            if queuedOne { queued += 1 }
        }
        try await forgetExpiredAddresses(now: now, sql: sql)
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
        let expires: Date
        let reminderDue: Date
        let openIDs: [UUID]
        let organisation: String
        let adultForm: FormOfAddress
    }

    private static func claim(_ kind: MailKind, invitation id: UUID, _ sending: Sending) -> SQLQueryString {
        switch kind {
        case .invitation:
            """
            UPDATE invitations SET first_mailed_at = \(bind: sending.now), last_mailed_at = \(bind: sending.now), expires_at = COALESCE(expires_at, \(bind: sending.expires))
            WHERE id = \(bind: id) AND first_mailed_at IS NULL RETURNING id
            """
        case .reminder:
            """
            UPDATE invitations SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: sending.now)
            WHERE id = \(bind: id) AND reminders_sent < \(bind: maximumReminders) AND last_mailed_at <= \(bind: sending.reminderDue) RETURNING id
            """
        }
    }

    /// The children's invitations that go along with an adult's mail: due for the same kind of
    /// mail, claimed in the same way.
    private static func claimChildren(_ kind: MailKind, adult id: UUID, _ sending: Sending) -> SQLQueryString {
        let still: SQLQueryString = """
            completed = \(bind: false) AND unsubscribed = \(bind: false) AND bounced = \(bind: false) AND email IS NOT NULL
            AND questionnaire_id IN (\(binds: sending.openIDs))
            """
        switch kind {
        case .invitation:
            return """
                UPDATE invitations SET first_mailed_at = \(bind: sending.now), last_mailed_at = \(bind: sending.now), expires_at = COALESCE(expires_at, \(bind: sending.expires))
                WHERE companion_of = \(bind: id) AND first_mailed_at IS NULL AND send_after <= \(bind: sending.now) AND \(still)
                RETURNING id, questionnaire_id
                """
        case .reminder:
            return """
                UPDATE invitations SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: sending.now)
                WHERE companion_of = \(bind: id) AND first_mailed_at IS NOT NULL AND last_mailed_at <= \(bind: sending.reminderDue)
                AND reminders_sent < \(bind: maximumReminders) AND expires_at > \(bind: sending.now.addingTimeInterval(86400)) AND \(still)
                RETURNING id, questionnaire_id
                """
        }
    }

    /// Addresses are kept no longer than the link works.
    private func forgetExpiredAddresses(now: Date, sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE invitations SET email = NULL WHERE expires_at < \(bind: now) AND email IS NOT NULL").run()
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
            expires: invitation.expiresAt ?? sending.now, childIsAnonymous: isChild ? questionnaire.anonymous : childIsAnonymous)
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
