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

    /// Queues due invitations and reminders; returns how many mails were queued.
    @discardableResult
    func run(now: Date, limit: Int = 500) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        let organisation = try await OrganisationSettings.current(on: database, defaultName: config.organisationName, now: now)
        var queued = 0
        let due = try await Invitation.query(on: database).filter(\.$firstMailedAt == nil).filter(\.$sendAfter <= now)
            .filter(\.$completed == false).filter(\.$unsubscribed == false).filter(\.$bounced == false).filter(\.$email != nil)
            .limit(limit).all()
        for invitation in due {
            if try await honourUnsubscribe(invitation, sql: sql) { continue }
            guard let questionnaire = try await Questionnaire.find(invitation.$questionnaire.id, on: database), questionnaire.isOpen else { continue }
            let expires = now.addingTimeInterval(TimeInterval(config.invitationValidDays) * 86400)
            let queuedOne = try await database.transaction { database in
                guard let sql = database as? any SQLDatabase else { return false }
                let claimed = try await sql.raw(
                    """
                    UPDATE invitations SET first_mailed_at = \(bind: now), last_mailed_at = \(bind: now), expires_at = \(bind: expires)
                    WHERE id = \(bind: try invitation.requireID()) AND first_mailed_at IS NULL RETURNING id
                    """
                ).first()
                guard claimed != nil else { return false }
                invitation.expiresAt = expires
                try await queue(.invitation, for: invitation, questionnaire: questionnaire, organisation: organisation.name, now: now, on: database)
                return true
            }
            if queuedOne { queued += 1 }
        }
        let reminderDue = now.addingTimeInterval(-TimeInterval(config.reminderIntervalDays) * 86400)
        let remind = try await Invitation.query(on: database).filter(\.$firstMailedAt != nil).filter(\.$lastMailedAt <= reminderDue)
            .filter(\.$remindersSent < Self.maximumReminders).filter(\.$completed == false).filter(\.$unsubscribed == false)
            .filter(\.$bounced == false).filter(\.$email != nil).filter(\.$expiresAt > now.addingTimeInterval(86400))
            .limit(limit).all()
        for invitation in remind {
            if try await honourUnsubscribe(invitation, sql: sql) { continue }
            guard let questionnaire = try await Questionnaire.find(invitation.$questionnaire.id, on: database), questionnaire.isOpen else { continue }
            let queuedOne = try await database.transaction { database in
                guard let sql = database as? any SQLDatabase else { return false }
                let claimed = try await sql.raw(
                    """
                    UPDATE invitations SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: now)
                    WHERE id = \(bind: try invitation.requireID()) AND reminders_sent = \(bind: invitation.remindersSent) RETURNING id
                    """
                ).first()
                guard claimed != nil else { return false }
                try await queue(.reminder, for: invitation, questionnaire: questionnaire, organisation: organisation.name, now: now, on: database)
                return true
            }
            if queuedOne { queued += 1 }
        }
        // Addresses are kept no longer than the link works.
        try await sql.raw("UPDATE invitations SET email = NULL WHERE expires_at < \(bind: now) AND email IS NOT NULL").run()
        return queued
    }

    enum MailKind: String { case invitation, reminder }

    /// An address that unsubscribed after the closure arrived still gets nothing.
    private func honourUnsubscribe(_ invitation: Invitation, sql: any SQLDatabase) async throws -> Bool {
        let unsubscribed = try await UnsubscribedAddress.query(on: database).filter(\.$emailHash == invitation.emailHash).first()
        guard unsubscribed != nil else { return false }
        try await sql.raw("UPDATE invitations SET unsubscribed = \(bind: true), email = NULL WHERE id = \(bind: try invitation.requireID())").run()
        return true
    }

    /// A new personal link (only its hash is stored) and the mail that carries it.
    private func queue(
        _ kind: MailKind, for invitation: Invitation, questionnaire: Questionnaire, organisation: String, now: Date, on database: any Database
    ) async throws {
        let invitationID = try invitation.requireID()
        let token = SecureToken.generate()
        try await InvitationLink(invitationID: invitationID, tokenHash: SecureToken.hash(token), createdAt: now).create(on: database)
        let language = Language(rawValue: invitation.language) ?? .default
        let title =
            try await QuestionnaireStore.latestVersion(of: try questionnaire.requireID(), on: database)?.definition().title
            .text(language.rawValue) ?? ""
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
