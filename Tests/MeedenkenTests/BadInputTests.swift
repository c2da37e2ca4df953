import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// Bad input gets a clear answer and loses nothing (DESIGN §4.3, §4.4): control characters are
/// removed at the edge, a response is checked whole before it is stored, and a form field that
/// holds one value is refused when it comes twice.
@Suite("Bad input at the edge")
struct BadInputTests {
    @Test func controlCharactersAreRemovedFromTextsAndJSONButTabsAndLinesStay() {
        #expect(ControlCharacters.removed(from: "a\u{0}b\u{1B}c\u{7F}d\u{85}e\tf\ng") == "abcde\tf\ng")
        let json = #"{"a": "x\u0000y\u001b", "b": "tab\there", "c": "\\u0000 stays text"}"#
        let cleaned = String(decoding: ControlCharacters.removed(fromJSON: Array(json.utf8)), as: UTF8.self)
        #expect(cleaned == #"{"a": "xy", "b": "tab\there", "c": "\\u0000 stays text"}"#)
        #expect(ControlCharacterMiddleware.cleaned("/v/%00abc?x=%1b%C2%85y%0A") == "/v/abc?x=y%0A")
    }

    @Test(arguments: TestDatabase.all)
    func aNULAnywhereIsNeverAServerErrorAndARespondentCanFinish(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            #expect(try await Browser(app).get("/v/%00").status == .notFound)
            #expect(try await Browser(app).get("/v/%00/pagina").status == .notFound)
            let login = try await Browser(app).post(SiteRoute.login.path, [("email", "a\u{0}b@test.nl"), ("password", "x\u{0}y")])
            #expect(login.status == .unauthorized)

            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            let page = SiteRoute.answerPage(link: link).path
            _ = try await browser.post(SiteRoute.answerStart(link: link).path)
            _ = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", "Niet\u{0} goed\u{1B}")])
            let sent = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "never")])
            #expect(sent.location == SiteRoute.answerThanks(link: link).path)
            let stored = try #require(try await ResponseAnswer.query(on: app.db).first())
            #expect(stored.value == "text:Niet goed")

            let token = try await makeApiToken(app)
            _ = try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team Noord")
            let closure = try await callApi(
                app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token,
                json: familyClosure(reference: "ZAAK\\u0000-9", team: "Team\\u0000 Noord", parentEmail: "ouder\\u0000@example.nl"))
            #expect(closure.status == .created, "\(closure.text.prefix(300))")
            let invitations = try await Invitation.query(on: app.db).all()
            #expect(!invitations.isEmpty && invitations.allSatisfy { !($0.email ?? "").unicodeScalars.contains { $0.value == 0 } })
        }
    }

    @Test(arguments: TestDatabase.all)
    func postingTheLastPageFirstStoresNothingAndShowsWhatIsMissing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            let page = SiteRoute.answerPage(link: link).path
            _ = try await browser.post(SiteRoute.answerStart(link: link).path)
            let skipped = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "always")])
            #expect(skipped.status == .unprocessableEntity)
            #expect(skipped.text.contains("Welk cijfer?") && skipped.text.contains("Geef hier een antwoord op."), "the first page, with what is missing")
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
            // What was answered is kept: filling in the first page finishes the response.
            let sent = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "8")])
            #expect(sent.status == .seeOther)
            let last = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "always")])
            #expect(last.location == SiteRoute.answerThanks(link: link).path)
            let response = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(AnswerLine.parse(response.answerLine ?? "")["bereik"] == .option("always"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSingleValueFieldSentTwiceIsRefusedNeverReadAsOneOfThem(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await signedInBrowser(app, as: try await makeUser(app, role: .administrator))
            let twice = try await admin.post(
                SiteRoute.newUser.path,
                [("displayName", "Nieuw"), ("email", "nieuw@test.nl"), ("role", "researcher"), ("role", "administrator"), ("language", "nl")])
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("Een veld in het formulier kwam twee keer mee"))
            #expect(try await StaffUser.query(on: app.db).filter(\.$email == "nieuw@test.nl").count() == 0)
            let once = try await admin.post(
                SiteRoute.newUser.path, [("displayName", "Nieuw"), ("email", "nieuw@test.nl"), ("role", "researcher"), ("language", "nl")])
            #expect(once.status == .ok, "the activation link is shown")
            #expect(try await StaffUser.query(on: app.db).filter(\.$email == "nieuw@test.nl").first()?.role == .researcher)
        }
    }
}
