import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Mail to a staff member about their own account, through the outbox like every mail and in
/// their language: a note after their password, e-mail address or second factor changed (so
/// someone whose account was taken over finds out, ASVS 2.2.3), and the link that confirms a
/// new address.
enum AccountMail {
    /// What changed. The mail's subject and first sentence are `mail.account.<rawValue>.*`.
    enum Change: String, CaseIterable, Sendable {
        case password
        /// A password chosen through an activation link (a new account, or access reset).
        case passwordSet = "password_set"
        /// Sent to the old address once the new one is confirmed.
        case email
        case secondFactorReset = "second_factor_reset"
        case secondFactorEnrolled = "second_factor_enrolled"
        case recoveryCodes = "recovery_codes"
    }

    static let noticeKind = "account"
    static let confirmationKind = "email_confirmation"
}

extension Request {
    /// Queues the note that `change` happened to `user`'s account, to `address` (their current
    /// address unless said otherwise). `arguments` fill the change's sentence.
    func queueAccountNotice(_ change: AccountMail.Change, for user: StaffUser, to address: String? = nil, arguments: [String: String] = [:])
        async throws
    {
        var values = arguments
        values["name"] = user.displayName
        values["organisation"] = try await organisation().name
        values["when"] = application.calendar.formatted(now, language: user.language)
        let localizer = application.localizer
        values["change"] = localizer.text("mail.account.\(change.rawValue).change", in: user.language, values)
        try await queueMail(
            kind: AccountMail.noticeKind, to: address ?? user.email,
            subject: localizer.text("mail.account.\(change.rawValue).subject", in: user.language, values),
            body: localizer.text("mail.account.body", in: user.language, values))
    }

    /// Queues the mail to a new address with the link that confirms it.
    func queueEmailConfirmation(for user: StaffUser, to newAddress: String, token: String, expires: Date) async throws {
        let values = [
            "name": user.displayName, "organisation": try await organisation().name,
            "link": application.config.publicBaseURL.absoluteString + SiteRoute.emailConfirmation(token: token).path,
            "expires": application.calendar.formatted(expires, language: user.language),
        ]
        let localizer = application.localizer
        try await queueMail(
            kind: AccountMail.confirmationKind, to: newAddress, subject: localizer.text("mail.emailConfirmation.subject", in: user.language, values),
            body: localizer.text("mail.emailConfirmation.body", in: user.language, values))
    }

    /// Queues one mail through the outbox, from the organisation.
    func queueMail(kind: String, to address: String, subject: String, body: String) async throws {
        try await OutboxQueue.queue(
            kind: kind, to: address, subject: subject, body: body, fromName: try await organisation().name, config: application.config, now: now,
            on: db)
    }
}

/// Puts one mail in the outbox; the background sender sends it (for requests and for jobs).
enum OutboxQueue {
    static func queue(
        kind: String, to address: String, subject: String, body: String, fromName: String, config: AppConfig, now: Date, on database: any Database
    ) async throws {
        let id = UUID.random()
        let message = MailMessage(
            messageID: OutboxSender.messageID(id), from: config.mailFrom, fromName: fromName, to: address, subject: subject, body: body, date: now)
        try await OutboxMessage(id: id, invitationID: nil, kind: kind, recipient: address, message: message.rendered(), now: now).create(on: database)
    }
}
