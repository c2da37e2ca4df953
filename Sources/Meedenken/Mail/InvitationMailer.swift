import Fluent
import Foundation
import MeedenkenCore
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
    /// unsubscribed addresses are read once per run, not once per mail.
    @discardableResult
    func run(now: Date, limit: Int = 500) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        let organisation = try await OrganisationSettings.current(on: database, defaultName: config.organisationName, now: now).name
        let due = try await Invitation.query(on: database).filter(\.$firstMailedAt == nil).filter(\.$sendAfter <= now)
            .filter(\.$completed == false).filter(\.$unsubscribed == false).filter(\.$bounced == false).filter(\.$email != nil)
            .limit(limit).all()
        let reminderDue = now.addingTimeInterval(-TimeInterval(config.reminderIntervalDays) * 86400)
        let remind = try await Invitation.query(on: database).filter(\.$firstMailedAt != nil).filter(\.$lastMailedAt <= reminderDue)
            .filter(\.$remindersSent < Self.maximumReminders).filter(\.$completed == false).filter(\.$unsubscribed == false)
            .filter(\.$bounced == false).filter(\.$email != nil).filter(\.$expiresAt > now.addingTimeInterval(86400))
            .limit(limit).all()
        let work = due.map { ($0, MailKind.invitation) } + remind.map { ($0, MailKind.reminder) }
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
        let expires = now.addingTimeInterval(TimeInterval(config.invitationValidDays) * 86400)
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
            // The claim makes each mail go out once, however many instances run this.
            let claim: SQLQueryString =
                switch kind {
                case .invitation:
                    """
                    UPDATE invitations SET first_mailed_at = \(bind: now), last_mailed_at = \(bind: now), expires_at = \(bind: expires)
                    WHERE id = \(bind: id) AND first_mailed_at IS NULL RETURNING id
                    """
                case .reminder:
                    """
                    UPDATE invitations SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: now)
                    WHERE id = \(bind: id) AND reminders_sent = \(bind: invitation.remindersSent) RETURNING id
                    """
                }
            let queuedOne = try await database.transaction { database in
                guard let sql = database as? any SQLDatabase, try await sql.raw(claim).first() != nil else { return false }
                if kind == .invitation { invitation.expiresAt = expires }
                try await queue(kind, for: invitation, questionnaire: questionnaire, organisation: organisation, now: now, on: database)
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

    /// Addresses are kept no longer than the link works.
    private func forgetExpiredAddresses(now: Date, sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE invitations SET email = NULL WHERE expires_at < \(bind: now) AND email IS NOT NULL").run()
    }

    /// A new personal link (only its hash is stored) and the mail that carries it.
    private func queue(
        _ kind: MailKind, for invitation: Invitation, questionnaire: OpenQuestionnaire, organisation: String, now: Date,
        on database: any Database
    ) async throws {
        let invitationID = try invitation.requireID()
        let token = SecureToken.generate()
        try await InvitationLink(invitationID: invitationID, tokenHash: SecureToken.hash(token), createdAt: now).create(on: database)
        let language = Language(rawValue: invitation.language) ?? .default
        let title = questionnaire.title.text(language.rawValue)
        let base = config.publicBaseURL.absoluteString
        let link = base + SiteRoute.invitationStart(token: token).path
        let unsubscribe = base + SiteRoute.unsubscribe(token: token).path
        let privacy = localizer.text(questionnaire.anonymous ? "mail.privacy.anonymous" : "mail.privacy.confidential", in: language)
        let arguments = [
            "organisation": organisation, "title": title, "link": link, "unsubscribe": unsubscribe, "privacy": privacy,
            "expires": Self.longDate(invitation.expiresAt ?? now, language: language),
        ]
        let id = UUID()
        let message = MailMessage(
            messageID: OutboxSender.messageID(id), from: config.mailFrom, fromName: organisation, to: invitation.email ?? "",
            subject: localizer.text("mail.\(kind.rawValue).subject", in: language, arguments),
            body: localizer.text("mail.\(kind.rawValue).body", in: language, arguments), date: now, unsubscribeURL: unsubscribe)
        try await OutboxMessage(
            id: id, invitationID: invitationID, kind: kind.rawValue, recipient: invitation.email ?? "", message: message.rendered(), now: now
        ).create(on: database)
    }

    /// "12 december 2026" / "12 December 2026".
    static func longDate(_ date: Date, language: Language) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .dutch ? "nl_NL" : "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }
}
