import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// The open link on a shared waiting-room tablet: the next person never sees the previous
/// person's answers (issue 12 #6).
@Suite("Open link on a shared device")
struct SharedDeviceTests {
    static let secret = "Mijn pleegvader slaat me"

    /// The first person answers the first page (a low mark and an open answer) and walks away.
    private func firstPersonAnswers(_ browser: Browser, _ link: String) async throws {
        try await browser.post(SiteRoute.answerStart(link: link).path)
        let saved = try await browser.post(
            SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", Self.secret)])
        #expect(saved.status == .seeOther)
        #expect(try await browser.get(SiteRoute.answerPage(link: link).path + "?pagina=p1").text.contains(Self.secret))
    }

    @Test(arguments: TestDatabase.all)
    func theNextPersonAfterTheIdleTimeSeesAnEmptyFormAndACalmMessage(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let tablet = Browser(app)
            try await firstPersonAnswers(tablet, link)

            clock.advance(by: OpenLinkDraft.idleTime + 60)
            let page = try await tablet.get(SiteRoute.answerPage(link: link).path + "?pagina=p1")
            #expect(page.location == SiteRoute.answerStart(link: link).path + "?melding=verlopen")
            #expect(tablet.cookies[OpenLinkDraft.cookieName(app.config)] == nil, "the cookie is cleared")
            #expect(try await ResponseDraft.query(on: app.db).count() == 0, "the idle draft is deleted")
            let start = try await tablet.get(try #require(page.location))
            #expect(start.text.contains("Daarom hebben we de antwoorden gewist"))

            try await tablet.post(SiteRoute.answerStart(link: link).path)
            let fresh = try await tablet.get(SiteRoute.answerPage(link: link).path + "?pagina=p1")
            #expect(fresh.status == .ok)
            #expect(!fresh.text.contains(Self.secret) && !fresh.text.contains("checked"), "an empty form")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPageSentAfterTheIdleTimeStoresNothingAndStartsAfresh(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let tablet = Browser(app)
            try await firstPersonAnswers(tablet, link)
            // The first person's page is still on the screen; the next person presses "Next".
            clock.advance(by: OpenLinkDraft.idleTime + 60)
            let next = try await tablet.post(
                SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", Self.secret)])
            #expect(next.location == SiteRoute.answerStart(link: link).path + "?melding=verlopen")
            #expect(try await ResponseDraft.query(on: app.db).count() == 0)
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func withinTheIdleTimeTheSamePersonContinues(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let tablet = Browser(app)
            try await firstPersonAnswers(tablet, link)
            clock.advance(by: OpenLinkDraft.idleTime - 60)
            #expect(try await tablet.get(SiteRoute.answerPage(link: link).path + "?pagina=p1").text.contains(Self.secret))
        }
    }

    @Test(arguments: TestDatabase.all)
    func afterSendingANewVisitStartsEmpty(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let tablet = Browser(app)
            try await firstPersonAnswers(tablet, link)
            let sent = try await tablet.post(SiteRoute.answerPage(link: link).path, [("pagina", "p2"), ("getoond", "bereik,onderwerpen")])
            // The answer is a worrying one: its thank-you page comes at once, help first.
            #expect(sent.status == .ok && sent.text.contains("Wil je nu met iemand praten?"))
            #expect(sent.headers[.setCookie].contains { $0.hasPrefix("meedenken-answers=;") && $0.contains("Max-Age=0") })
            #expect(tablet.cookies[OpenLinkDraft.cookieName(app.config)] == nil)

            #expect(try await tablet.get(SiteRoute.answerPage(link: link).path).location == SiteRoute.answerStart(link: link).path)
            try await tablet.post(SiteRoute.answerStart(link: link).path)
            let fresh = try await tablet.get(SiteRoute.answerPage(link: link).path + "?pagina=p1")
            #expect(fresh.status == .ok && !fresh.text.contains(Self.secret) && !fresh.text.contains("checked"))
            #expect(try await SurveyResponse.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func stopAndClearDeletesTheDraftAndReadiesTheStartPageForTheNextPerson(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let tablet = Browser(app)
            try await firstPersonAnswers(tablet, link)
            let page = try await tablet.get(SiteRoute.answerPage(link: link).path)
            let clearPath = SiteRoute.answerClear(link: link).path
            #expect(page.text.contains("action=\"\(clearPath)\"") && page.text.contains("Stoppen en wissen"))

            let cleared = try await tablet.post(clearPath)
            #expect(cleared.location == SiteRoute.answerStart(link: link).path + "?melding=gewist")
            #expect(tablet.cookies[OpenLinkDraft.cookieName(app.config)] == nil)
            #expect(try await ResponseDraft.query(on: app.db).count() == 0)
            let start = try await tablet.get(try #require(cleared.location))
            #expect(start.text.contains("Alles is gewist") && start.text.contains("Beginnen"))

            try await tablet.post(SiteRoute.answerStart(link: link).path)
            let fresh = try await tablet.get(SiteRoute.answerPage(link: link).path + "?pagina=p1")
            #expect(!fresh.text.contains(Self.secret) && !fresh.text.contains("checked"))
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func stopAndClearWithoutTheFormsTokenIsRefused(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let tablet = Browser(app)
            try await firstPersonAnswers(tablet, link)
            let forged = try await tablet.post(SiteRoute.answerClear(link: link).path, [("_csrf", "vervalst")])
            #expect(forged.status == .forbidden)
            #expect(try await ResponseDraft.query(on: app.db).count() == 1)
        }
    }

    @Test func theDraftCookieEndsWithTheBrowserSession() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let begun = try await Browser(app).post(SiteRoute.answerStart(link: link).path)
            let cookie = try #require(begun.headers[.setCookie].first { $0.hasPrefix("meedenken-answers=") })
            #expect(!cookie.lowercased().contains("max-age") && !cookie.lowercased().contains("expires"), "\(cookie)")
            #expect(cookie.contains("HttpOnly"))
        }
    }

    /// A personal link is the invited person's alone: they may stop and resume days later, on
    /// another device, and get no "Stop and clear".
    @Test(arguments: TestDatabase.all)
    func aPersonalInvitationStillResumesLaterOnAnotherDevice(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            try await inviteFamily(app)
            try await MailWorker.runOnce(app)
            let link = try #require(try readMails(folder).first { $0.to == "ouder@example.nl" }?.token)
            let phone = Browser(app)
            try await phone.post(SiteRoute.invitationStart(token: link).path)
            let page = SiteRoute.invitationPage(token: link).path
            try await phone.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", Self.secret)])
            clock.advance(by: 2 * 86400)
            let laptop = try await Browser(app).get(page + "?pagina=p1")
            #expect(laptop.text.contains(Self.secret))
            #expect(!laptop.text.contains("Stoppen en wissen"))
        }
    }
}
