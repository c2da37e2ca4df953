import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Issue 12 #14: a staff member hears by mail of every change to their password, e-mail address
/// or second factor, and a new address counts only once its owner follows the link sent to it.
@Suite("Mail about one's own account")
struct AccountMailTests {
    /// The account mails in the outbox, oldest first: recipient, subject and decoded body.
    struct Queued {
        let to: String
        let kind: String
        let subject: String
        let body: String
    }

    static func queued(_ app: Application) async throws -> [Queued] {
        try await OutboxMessage.query(on: app.db).filter(\.$invitationID == nil).sort(\.$createdAt).all().map { message in
            let parts = message.message.components(separatedBy: "\r\n\r\n")
            let subject = parts[0].split(separator: "\r\n").first { $0.hasPrefix("Subject: ") }.map { decodeSubject(String($0.dropFirst(9))) } ?? ""
            return Queued(
                to: message.recipient, kind: message.kind, subject: subject, body: decodeQuotedPrintable(parts.dropFirst().joined(separator: "\r\n\r\n")))
        }
    }

    static func decodeSubject(_ subject: String) -> String {
        guard subject.hasPrefix("=?UTF-8?B?"), let data = Data(base64Encoded: String(subject.dropFirst(10).dropLast(2))) else { return subject }
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: TestDatabase.all)
    func aNewPasswordIsToldByMailInTheUsersLanguage(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false, language: .english)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            let done = try await browser.post(
                SiteRoute.accountPassword.path,
                [("currentPassword", fixturePassword), ("newPassword", "een nieuw lang wachtwoord"), ("newPasswordRepeat", "een nieuw lang wachtwoord")])
            #expect(done.status == .seeOther)
            let mail = try #require(try await Self.queued(app).first)
            #expect(mail.to == user.email && mail.kind == "account")
            #expect(mail.subject == "Your password for Meedenken was changed")
            #expect(mail.body.contains("The password of your Meedenken account was changed") && mail.body.contains("Was this not you?"))
            #expect(mail.body.contains("Jeugdzorg Test") && !mail.body.contains("een nieuw lang wachtwoord"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPasswordChosenThroughAnActivationLinkIsToldByMail(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let created = try await browser.post(
                SiteRoute.newUser.path, [("displayName", "Sem Bakker"), ("email", "sem@test.nl"), ("role", "council_member"), ("language", "nl")])
            let link = try #require(created.firstMatch("<code id=\"activation-link\">http://127.0.0.1:8080([^<]+)</code>"))
            let done = try await Browser(app).post(link, [("password", "drie bomen aan de Vecht"), ("passwordRepeat", "drie bomen aan de Vecht")])
            #expect(done.status == .seeOther)
            let mail = try #require(try await Self.queued(app).first)
            #expect(mail.to == "sem@test.nl" && mail.subject == "Er is een wachtwoord gekozen voor je account bij Meedenken")
            #expect(mail.body.contains("Hallo Sem Bakker") && mail.body.contains("Was jij dit niet?"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func secondFactorChangesAreToldByMail(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .coordinator)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            let codes = try await browser.post(SiteRoute.accountTwoFactor.path, [("currentPassword", fixturePassword), ("action", "codes")])
            #expect(codes.status == .ok)
            let reset = try await browser.post(SiteRoute.accountTwoFactor.path, [("currentPassword", fixturePassword), ("action", "reset")])
            #expect(reset.location == SiteRoute.twoFactorEnrolment.path)
            let enrolment = try await browser.get(SiteRoute.twoFactorEnrolment.path)
            let uri = try #require(enrolment.firstMatch("<code id=\"totp-uri\">([^<]+)</code>"))
            let secretText = try #require(uri.components(separatedBy: "secret=").last?.components(separatedBy: "&").first)
            let secret = try #require(Base32.decode(secretText))
            #expect(try await browser.post(SiteRoute.twoFactorEnrolment.path, [("code", currentCode(app, secret: secret))]).status == .ok)

            let mails = try await Self.queued(app)
            #expect(
                Set(mails.map(\.subject)) == [
                    "Je hebt nieuwe herstelcodes voor Meedenken", "Je tweestapsverificatie voor Meedenken is uitgezet",
                    "Er is tweestapsverificatie ingesteld voor Meedenken",
                ])
            #expect(mails.count == 3)
            #expect(mails.allSatisfy { $0.to == user.email && $0.body.contains("Was jij dit niet?") })
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNewEmailAddressCountsOnlyOnceTheLinkMailedToItIsFollowed(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, email: "oud@test.nl", secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            let wrong = try await browser.post(SiteRoute.accountEmail.path, [("newEmail", "nieuw@test.nl"), ("currentPassword", "fout fout fout")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("value=\"nieuw@test.nl\""), "what was typed is kept")
            let asked = try await browser.post(SiteRoute.accountEmail.path, [("newEmail", "Nieuw@Test.nl"), ("currentPassword", fixturePassword)])
            #expect(asked.location == SiteRoute.account.path + "?klaar=emailPending")
            let account = try await browser.get(try #require(asked.location))
            #expect(account.text.contains("We hebben een mail gestuurd naar je nieuwe e-mailadres") && account.text.contains("nieuw@test.nl"))
            #expect(try await StaffUser.find(user.id, on: app.db)?.email == "oud@test.nl", "the old address stays until confirmed")
            try await logIn(Browser(app), as: user)

            let confirmation = try #require(try await Self.queued(app).first { $0.kind == "email_confirmation" })
            #expect(confirmation.to == "nieuw@test.nl" && confirmation.kind == "email_confirmation")
            let path = try #require(confirmation.body.range(of: #"/e-mailadres-bevestigen/[A-Za-z0-9_-]+"#, options: .regularExpression))
            let link = String(confirmation.body[path])
            let token = String(link.dropFirst("/e-mailadres-bevestigen/".count))
            let stored = try #require(try await EmailChange.query(on: app.db).first())
            #expect(stored.tokenHash == SecureToken.hash(token) && stored.tokenHash != token, "only the hash is kept")

            // Opening the link (as a mail scanner would) changes nothing; the button does.
            let phone = Browser(app)
            let shown = try await phone.get(link)
            #expect(shown.status == .ok && shown.text.contains("Ja, dit is mijn nieuwe e-mailadres"))
            #expect(try await StaffUser.find(user.id, on: app.db)?.email == "oud@test.nl")
            let confirmed = try await phone.post(link)
            #expect(confirmed.status == .ok && confirmed.text.contains("Je e-mailadres is nu nieuw@test.nl"))
            #expect(try await StaffUser.find(user.id, on: app.db)?.email == "nieuw@test.nl")
            #expect(try await EmailChange.query(on: app.db).count() == 0)
            #expect(try await phone.get(link).status == .gone, "the link works once")
            #expect(try await auditActions(app).contains(.emailChangeRequested))
            #expect(try await auditActions(app).contains(.emailChanged))

            let notice = try #require(try await Self.queued(app).first { $0.kind == "account" })
            #expect(notice.to == "oud@test.nl" && notice.kind == "account")
            #expect(notice.body.contains("gewijzigd in n…@test.nl") && notice.body.contains("Was jij dit niet?"))
            try await logIn(Browser(app), as: try #require(try await StaffUser.find(user.id, on: app.db)))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnconfirmedAddressExpiresAndANewerRequestReplacesTheOlder(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .councilMember, email: "oud@test.nl", secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            try await browser.post(SiteRoute.accountEmail.path, [("newEmail", "eerste@test.nl"), ("currentPassword", fixturePassword)])
            clock.advance(by: 1)
            try await browser.post(SiteRoute.accountEmail.path, [("newEmail", "tweede@test.nl"), ("currentPassword", fixturePassword)])
            let links = try await Self.queued(app).compactMap { mail in
                mail.body.range(of: #"/e-mailadres-bevestigen/[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(mail.body[$0]) }
            }
            #expect(links.count == 2)
            #expect(try await Browser(app).get(links[0]).status == .gone, "the older link no longer works")

            clock.advance(by: EmailChange.lifetime + 60)
            let late = Browser(app)
            #expect(try await late.get(links[1]).status == .gone)
            #expect(try await late.post(links[1]).status == .gone)
            #expect(try await StaffUser.find(user.id, on: app.db)?.email == "oud@test.nl")
            try await Housekeeping.run(on: app.db, config: app.config, now: clock.now)
            #expect(try await EmailChange.query(on: app.db).count() == 0, "an unconfirmed address is not kept")
        }
    }
}
