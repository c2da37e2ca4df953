import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// Issue 16: the public sign-up with double opt-in and consent fitting the age, duplicate
/// sign-ups that reveal nothing, and bad input that keeps what was entered.
@Suite("Denk mee: signing up")
struct PanelSignUpTests {
    static func year(_ app: Application, _ clock: TestClock) -> Int { Int(app.calendar.day(clock.now).prefix(4)) ?? 2030 }

    static func fields(
        name: String = "Sam", email: String, role: String = "parent", birthYear: String = "", parentEmail: String = "", byParent: Bool = false,
        language: String = "nl"
    ) -> [(String, String)] {
        var fields = [
            ("firstName", name), ("email", email), ("role", role), ("birthYear", birthYear), ("parentEmail", parentEmail), ("language", language),
            ("ways[]", "panel"), ("ways[]", "mirror_meeting"), ("topics[]", "informatie"), ("needs[]", "online"), ("agree", "on"),
            ("hp_leeg", ""),
        ]
        if byParent { fields.append(("byParent", "on")) }
        return fields
    }

    /// The panel mails in the outbox, oldest first, with the first link to this server in each.
    static func mails(_ app: Application) async throws -> [(to: String, kind: String, body: String, link: String?)] {
        try await AccountMailTests.queued(app).filter { $0.kind.hasPrefix("panel_") }.map { mail in
            let link = mail.body.range(of: #"http://127\.0\.0\.1:8080/[^\s]+"#, options: .regularExpression).map { String(mail.body[$0]) }
            return (mail.to, mail.kind, mail.body, link.map { String($0.dropFirst("http://127.0.0.1:8080".count)) })
        }
    }

    @Test(arguments: TestDatabase.all)
    func anAdultConfirmsOnceAndBecomesAMemberWithAConsentRecord(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            let page = try await browser.get(SiteRoute.panelSignUp.path)
            #expect(page.status == .ok && page.text.contains("Denk mee") && page.text.contains("geen gevolgen voor je eigen hulp"))
            let home = try await browser.get(SiteRoute.home.path)
            #expect(home.text.contains("href=\"\(SiteRoute.panelSignUp.path)\""))
            let sent = try await browser.post(SiteRoute.panelSignUp.path, Self.fields(email: "Ouder@Voorbeeld.nl"))
            #expect(sent.status == .seeOther && sent.location == SiteRoute.panelSignUpSent.path)
            let member = try #require(try await PanelMember.query(on: app.db).first())
            #expect(member.status == .unconfirmed && member.email == "ouder@voorbeeld.nl" && member.ways == "panel,mirror_meeting")
            // Nothing is used before confirmation: the panel has no member yet.
            #expect(try await PanelRoster(database: app.db, today: "2030-01-01", calendar: app.calendar).members(in: PanelSegment()).isEmpty)
            let confirmMail = try #require(try await Self.mails(app).first)
            #expect(confirmMail.kind == "panel_confirm" && confirmMail.to == "ouder@voorbeeld.nl")
            let link = try #require(confirmMail.link)
            // The token in the mail is long and only its hash is stored.
            let token = String(link.split(separator: "/").last ?? "")
            #expect(token.count >= 22)
            #expect(try await PanelLink.query(on: app.db).filter(\.$tokenHash == token).count() == 0)
            // Opening the link (as a mail scanner does) changes nothing; the button does.
            let shown = try await browser.get(link)
            #expect(shown.status == .ok && shown.text.contains("Ja, ik doe mee"))
            #expect(try await PanelMember.query(on: app.db).first()?.status == .unconfirmed)
            // Two presses at the same moment (a double tap, two tabs) confirm once.
            async let first = browser.post(link)
            async let second = Browser(app).post(link)
            let presses = try await [first, second]
            let confirmed = try #require(presses.first { $0.status == .ok })
            #expect(confirmed.text.contains("Je doet mee") && presses.map(\.status.code).sorted() == [200, 410])
            #expect(try await PanelConsent.query(on: app.db).count() == 1)
            let active = try #require(try await PanelMember.query(on: app.db).first())
            #expect(active.status == .active && active.consentExpiresAt != nil)
            let consent = try #require(try await PanelConsent.query(on: app.db).first())
            #expect(consent.givenBy == .member && consent.textVersion == PanelMembership.consentTextVersion)
            // Single use: the same link again is gone.
            #expect(try await browser.post(link).status == .gone)
            let welcome = try #require(try await Self.mails(app).last)
            #expect(welcome.kind == "panel_welcome" && welcome.link?.hasPrefix("/mijn-gegevens/") == true)
            #expect(try await Store(app.db).panelMonthCounts().map(\.joined) == [1])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFourteenYearOldNeedsAParentsConfirmationFromTheParentsOwnMail(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let browser = Browser(app)
            let born = String(Self.year(app, clock) - 14)
            // Without a parent's address the form says so, and keeps what was entered.
            let missing = try await browser.post(
                SiteRoute.panelSignUp.path, Self.fields(name: "Noor", email: "noor@voorbeeld.nl", role: "youth", birthYear: born))
            #expect(missing.status == .unprocessableEntity && missing.text.contains("e-mailadres van een ouder"))
            #expect(missing.text.contains("value=\"noor@voorbeeld.nl\"") && missing.text.contains("value=\"\(born)\""))
            #expect(try await PanelMember.query(on: app.db).count() == 0)
            let sent = try await browser.post(
                SiteRoute.panelSignUp.path,
                Self.fields(name: "Noor", email: "noor@voorbeeld.nl", role: "youth", birthYear: born, parentEmail: "mama@voorbeeld.nl"))
            #expect(sent.status == .seeOther)
            let confirm = try #require(try await Self.mails(app).first?.link)
            _ = try await browser.post(confirm)
            let waiting = try #require(try await PanelMember.query(on: app.db).first())
            #expect(waiting.status == .awaitingParent && waiting.consentRule == "parent_confirms")
            let parentMail = try #require(try await Self.mails(app).last)
            #expect(parentMail.kind == "panel_parent_confirm" && parentMail.to == "mama@voorbeeld.nl" && parentMail.body.contains("Noor"))
            // The youth's own confirmation link cannot stand in for the parent's.
            #expect(try await browser.post(confirm).status == .gone)
            let parentLink = try #require(parentMail.link)
            #expect(parentLink.hasPrefix("/denk-mee/ouder/"))
            let done = try await Browser(app).post(parentLink)
            #expect(done.status == .ok)
            let member = try #require(try await PanelMember.query(on: app.db).first())
            #expect(member.status == .active && member.parentEmail == nil)
            #expect(try await PanelConsent.query(on: app.db).all().map(\.givenBy) == [.parent])
            // Ticking "I am a parent" is no way around the parent's own confirmation from 12 on.
            let ticked = try await Browser(app).post(
                SiteRoute.panelSignUp.path, Self.fields(name: "Kai", email: "kai@voorbeeld.nl", role: "youth", birthYear: born, byParent: true))
            #expect(ticked.status == .unprocessableEntity && ticked.text.contains("meldt je kind zich zelf aan"))
            #expect(try await PanelMember.query(on: app.db).filter(\.$email == "kai@voorbeeld.nl").count() == 0)
        }
    }

    /// Someone signs up another's address with their own address as the "parent". When the
    /// address's owner signs up, their form replaces it: the confirmation is theirs, and the
    /// parent mail goes to the parent they named.
    @Test(arguments: TestDatabase.all)
    func anEarlierUnconfirmedSignUpIsReplacedByTheNewest(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let born = String(Self.year(app, clock) - 13)
            _ = try await Browser(app).post(
                SiteRoute.panelSignUp.path,
                Self.fields(name: "Kwaad", email: "jesse@voorbeeld.nl", role: "youth", birthYear: born, parentEmail: "aanvaller@voorbeeld.nl"))
            let planted = try #require(try await Self.mails(app).last?.link)
            _ = try await Browser(app).post(
                SiteRoute.panelSignUp.path,
                Self.fields(name: "Jesse", email: "jesse@voorbeeld.nl", role: "youth", birthYear: born, parentEmail: "moeder@voorbeeld.nl"))
            #expect(try await PanelMember.query(on: app.db).count() == 1)
            #expect(try await Browser(app).post(planted).status == .gone, "the first form's link no longer works")
            let own = try #require(try await Self.mails(app).last?.link)
            _ = try await Browser(app).post(own)
            let parentMail = try #require(try await Self.mails(app).last)
            #expect(parentMail.kind == "panel_parent_confirm" && parentMail.to == "moeder@voorbeeld.nl" && parentMail.body.contains("Jesse"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func underTwelveOnlyAParentSignsUp(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let browser = Browser(app)
            let born = String(Self.year(app, clock) - 10)
            let alone = try await browser.post(SiteRoute.panelSignUp.path, Self.fields(name: "Bo", email: "bo@voorbeeld.nl", role: "youth", birthYear: born))
            #expect(alone.status == .unprocessableEntity && alone.text.contains("of later geboren? Dan kan alleen een ouder je aanmelden"))
            #expect(try await PanelMember.query(on: app.db).count() == 0)
            let byParent = try await browser.post(
                SiteRoute.panelSignUp.path, Self.fields(name: "Bo", email: "papa@voorbeeld.nl", role: "youth", birthYear: born, byParent: true))
            #expect(byParent.status == .seeOther)
            // The mail goes to the parent's address, so it speaks to the parent about Bo.
            let confirmMail = try #require(try await Self.mails(app).first)
            #expect(confirmMail.to == "papa@voorbeeld.nl" && confirmMail.body.contains("U heeft uw kind Bo aangemeld"))
            #expect(!confirmMail.body.contains("Hoi Bo") && !confirmMail.body.contains("Heb jij je niet aangemeld"))
            _ = try await browser.post(try #require(confirmMail.link))
            let member = try #require(try await PanelMember.query(on: app.db).first())
            #expect(member.status == .active && member.source == .parent)
            #expect(try await PanelConsent.query(on: app.db).all().map(\.givenBy) == [.parent])
            let welcome = try #require(try await Self.mails(app).last)
            #expect(welcome.kind == "panel_welcome" && welcome.body.contains("Bo doet nu mee") && welcome.body.contains("Vragen voor uw kind"))
        }
    }

    /// A second sign-up with a known address: no second member, the same page, and a mail to
    /// the address (not to whoever typed it) with its own link.
    @Test(arguments: TestDatabase.all)
    func aSecondSignUpRevealsNothingAndMakesNoSecondMember(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            _ = try await browser.post(SiteRoute.panelSignUp.path, Self.fields(email: "lid@voorbeeld.nl"))
            _ = try await browser.post(try #require(try await Self.mails(app).first?.link))
            let fresh = try await Browser(app).post(SiteRoute.panelSignUp.path, Self.fields(email: "nieuw@voorbeeld.nl"))
            let again = try await Browser(app).post(SiteRoute.panelSignUp.path, Self.fields(name: "Ander", email: "LID@voorbeeld.nl", role: "foster_parent"))
            #expect(again.status == fresh.status && again.location == fresh.location)
            let sentPage = try await Browser(app).get(try #require(again.location))
            #expect(sentPage.status == .ok)
            #expect(try await PanelMember.query(on: app.db).filter(\.$emailHash == PanelMember.hash(email: "lid@voorbeeld.nl")).count() == 1)
            let member = try #require(try await PanelMember.query(on: app.db).filter(\.$email == "lid@voorbeeld.nl").first())
            #expect(member.firstName == "Sam" && member.role == "parent", "the second sign-up changed nothing")
            let last = try #require(try await Self.mails(app).last { $0.to == "lid@voorbeeld.nl" })
            #expect(last.kind == "panel_already_signed_up" && last.link?.hasPrefix("/mijn-gegevens/") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputGetsAMessageInTheVisitorsLanguageAndKeepsWhatWasEntered(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            browser.setCookie(app.config.cookieNames.language, "en")
            var fields = Self.fields(name: "", email: "not-an-address", role: "martian", birthYear: "1990")
            fields.removeAll { $0.0 == "agree" || $0.0 == "ways[]" }
            fields.append(("phone", "<script>"))
            let response = try await browser.post(SiteRoute.panelSignUp.path, fields)
            #expect(response.status == .unprocessableEntity)
            for message in ["Fill in your first name", "Fill in an e-mail address", "Choose whether you are", "Choose how you want", "Tick the box"] {
                #expect(response.text.contains(message), "\(message)")
            }
            #expect(response.text.contains("value=\"not-an-address\"") && response.text.contains("&lt;script&gt;"))
            #expect(!response.text.contains("<script>"))
            // A stale form comes back with everything, too.
            let stale = try await browser.post(SiteRoute.panelSignUp.path, Self.fields(email: "x@voorbeeld.nl") + [("_csrf", "stale")], csrf: false)
            #expect(stale.status == .unprocessableEntity && stale.text.contains("value=\"x@voorbeeld.nl\""))
            // A robot that fills the hidden field gets the same page and nothing is stored.
            var robot = Self.fields(email: "robot@voorbeeld.nl")
            robot.removeAll { $0.0 == "hp_leeg" }
            robot.append(("hp_leeg", "gevuld"))
            #expect(try await browser.post(SiteRoute.panelSignUp.path, robot).location == SiteRoute.panelSignUpSent.path)
            #expect(try await PanelMember.query(on: app.db).count() == 0)
        }
    }
}
