import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

@Suite("Importing and versioning questionnaires")
struct QuestionnaireImportTests {
    func encoded(_ definition: QuestionnaireDefinition) throws -> String {
        String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
    }

    func importForm(_ browser: Browser, _ document: String) async throws -> TestingHTTPResponse {
        let token = browser.csrfToken ?? ""
        let body =
            "--g\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
            + "--g\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\n\(document)\r\n--g--\r\n"
        return try await browser.send(.POST, SiteRoute.questionnaireImport.path, body: body, contentType: "multipart/form-data; boundary=g")
    }

    /// The format is explained on the import page itself (not a path in the repository), with
    /// every question type the validator knows, and its example imports as it stands.
    @Test func theImportPageExplainsTheFormatAndItsExampleImports() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let page = try await browser.get(SiteRoute.questionnaireImport.path)
            #expect(page.status == .ok && !page.text.contains("docs/"))
            for type in QuestionType.allCases { #expect(page.text.contains(type.rawValue), "\(type) is explained") }
            #expect(page.text.contains("alleen als ‘cijfer’ 6 of lager is"))
            let example = try #require(page.firstMatch(#"<pre class="example-file">([^<]+)</pre>"#)).replacingOccurrences(of: "&quot;", with: "\"")
            let imported = try await importForm(browser, example)
            #expect(imported.status == .seeOther, "the example imports: \(imported.text.prefix(300))")
        }
    }

    /// The open link comes with an A4 poster: the link as text and as a QR code drawn in the page
    /// (the browser test decodes it with zbarimg); a closed questionnaire gets no poster.
    @Test func anOpenQuestionnaireHasAPrintablePosterWithItsLink() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let questionnaire = try #require(try await Questionnaire.query(on: app.db).filter(\.$openLinkKey == link).first())
            let id = try questionnaire.requireID()
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let detail = try await browser.get(SiteRoute.questionnaire(id: id).path)
            #expect(detail.text.contains(SiteRoute.questionnairePoster(id: id).path))
            let poster = try await browser.get(SiteRoute.questionnairePoster(id: id).path)
            let address = "http://127.0.0.1:8080" + SiteRoute.answerStart(link: link).path
            #expect(poster.status == .ok && poster.text.contains(address))
            #expect(poster.text.contains("<path d=\"\(try QRCode(address).pathData)\""), "the code of exactly this link")
            #expect(poster.text.contains("role=\"img\" aria-label=\"QR-code naar \(address)\""))
            questionnaire.isOpen = false
            try await questionnaire.save(on: app.db)
            let closed = try await browser.get(SiteRoute.questionnairePoster(id: id).path)
            #expect(closed.status == .conflict && closed.text.contains("Zet hem eerst open"))
            let teamManager = try await signedInBrowser(app, as: try await makeUser(app, role: .teamManager))
            #expect(try await teamManager.get(SiteRoute.questionnairePoster(id: id).path).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCoordinatorImportsAValidDocumentAndOpensIt(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let imported = try await importForm(browser, try encoded(sampleQuestionnaire))
            #expect(imported.status == .seeOther)
            let detailPath = try #require(imported.location)
            let detail = try await browser.get(detailPath)
            #expect(detail.text.contains("Hoe was de hulp?") && detail.text.contains("Gesloten"))
            #expect(try await browser.post(detailPath + "/status").status == .seeOther)
            let open = try await browser.get(detailPath)
            #expect(open.text.contains("id=\"open-link\">http://127.0.0.1:8080/v/"))
            let document = try await browser.get(detailPath + "/document")
            #expect(try JSONDecoder().decode(QuestionnaireDefinition.self, from: Data(document.text.utf8)) == sampleQuestionnaire)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anInvalidDocumentListsEveryProblemAndChangesNothing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let document = #"{"key": "Slecht", "kind": "exit", "audience": "parent", "title": {"en": "x"}, "pages": []}"#
            let response = try await importForm(browser, document)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("We vonden 3 problemen"))
            #expect(
                response.text.contains("<code>/key</code>") && response.text.contains("<code>/title/nl</code>") && response.text.contains("<code>/pages</code>")
            )
            #expect(response.text.contains("De Nederlandse tekst ontbreekt."))
            #expect(response.text.contains("&quot;Slecht&quot;"), "the document is kept in the form")
            #expect(try await Questionnaire.query(on: app.db).count() == 0)
            #expect(try await importForm(browser, "niet eens json").text.contains("Dit is geen geldig JSON-bestand."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aVersionWithResponsesIsFrozenAndAChangeMakesANewVersion(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let store = QuestionnaireStore(database: app.db)
            let first = try await store.save(sampleQuestionnaire, now: app.clock.now())
            var changed = sampleQuestionnaire
            changed.title = LocalizedText(nl: "Nieuwe titel")
            let replaced = try await store.save(changed, now: app.clock.now())
            #expect(replaced.version.number == 1, "no responses yet: the version is replaced")
            _ = try await Store(app.db).storeResponses([
                NewResponse(
                    draft: nil, versionID: try first.version.requireID(), submittedOn: "2026-11-23", language: "nl", channel: "paper",
                    respondentRole: "parent", answers: [])
            ])
            changed.title = LocalizedText(nl: "Nog een titel")
            let next = try await store.save(changed, now: app.clock.now())
            #expect(next.version.number == 2)
            let old = try #require(try await QuestionnaireVersion.find(first.version.id, on: app.db))
            #expect(try old.definition().title.text("nl") == "Nieuwe titel", "the answered version is unchanged")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theStarterSetIsAddedOnceAndNeverOverwrites(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            #expect(try await browser.post(SiteRoute.questionnaireStarters.path).status == .seeOther)
            #expect(try await browser.post(SiteRoute.questionnaireStarters.path).status == .seeOther)
            #expect(try await Questionnaire.query(on: app.db).count() == 5)
            #expect(try await QuestionnaireVersion.query(on: app.db).count() == 5)
            let list = try await browser.get(SiteRoute.questionnaires.path)
            #expect(list.text.contains("Wat vond jij ervan?") && list.text.contains("Kinderen 8-11"))
        }
    }
}

@Suite("Paper questionnaires")
struct PaperEntryTests {
    @Test(arguments: TestDatabase.all)
    func aCoordinatorEntersAPaperQuestionnaireOnceMarkedAsPaper(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let imported = try await QuestionnaireStore(database: app.db).save(sampleQuestionnaire, now: app.clock.now())
            let path = SiteRoute.questionnairePaper(id: try imported.questionnaire.requireID()).path
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let form = try await browser.get(path)
            #expect(form.text.contains("Welk cijfer?") && form.text.contains("Waarover?"), "all questions on one page")
            let token = try #require(form.firstMatch("name=\"invoer\" value=\"([^\"]+)\""))
            let invalid = try await browser.post(path, [("invoer", token), ("taal", "en"), ("a-cijfer", "12"), ("a-bereik", "always")])
            #expect(invalid.status == .unprocessableEntity && invalid.text.contains("Kies een getal uit de reeks."))
            #expect(invalid.text.contains("value=\"always\" checked"), "what was typed in is kept")
            let fields = [("invoer", token), ("taal", "en"), ("a-cijfer", "9"), ("a-beter", "verborgen vraag"), ("a-onderwerpen[]", "thuis")]
            #expect(try await browser.post(path, fields).location == path + "?klaar=1")
            #expect(try await browser.post(path, fields).location == path + "?klaar=1", "a double click")
            let responses = try await SurveyResponse.query(on: app.db).with(\.$answers).all()
            #expect(responses.count == 1)
            #expect(responses.first?.channel == "paper" && responses.first?.language == "en")
            #expect(Set(AnswerLine.parse(responses.first?.answerLine ?? "").keys) == ["cijfer", "onderwerpen"], "the hidden follow-up is not kept")
            #expect(responses.first?.answers.isEmpty == true, "no open answer was kept")
            #expect(try await browser.get(path + "?klaar=1").text.contains("Opgeslagen."))
        }
    }
}
