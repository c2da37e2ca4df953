import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Building a questionnaire in the browser")
struct BuilderTests {
    @Test(arguments: TestDatabase.all)
    func aCoordinatorBuildsAQuestionnaireWithAFollowUpAndPreviewsItInEnglish(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let refused = try await browser.post(SiteRoute.newQuestionnaire.path, [("key", "Met Spaties"), ("titleNL", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Gebruik alleen kleine letters") && refused.text.contains("Vul de Nederlandse tekst in."))
            let created = try await browser.post(
                SiteRoute.newQuestionnaire.path,
                [("key", "pleegouders"), ("kind", "exit"), ("audience", "foster_parent"), ("titleNL", "Hoe was het?"), ("titleEN", "How was it?")])
            let editor = try #require(created.location)
            let questionnaire = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "pleegouders").first())
            let id = try questionnaire.requireID()
            #expect(editor == SiteRoute.questionnaireEditor(id: id).path)

            try await browser.post(editor, [("actie", "nieuwe-vraag:p1"), ("newType[p1]", "report_mark"), ("newText[p1]", "Welk cijfer?")])
            try await browser.post(editor, [("actie", "nieuwe-vraag:p1"), ("newType[p1]", "long_text"), ("newText[p1]", "Wat kan beter?")])
            let empty = try await browser.post(editor, [("actie", "nieuwe-vraag:p1"), ("newType[p1]", "yes_no"), ("newText[p1]", " ")])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Vul de tekst van de vraag in."))
            try await browser.post(editor, [("actie", "verwijder:vraag_1")])
            var definition = try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.definition())
            #expect(definition.questions.map(\.key) == ["vraag_2", "vraag_3"])

            // A condition on a later question is refused, with the place named; nothing changes.
            let wrong = try await browser.post(
                SiteRoute.questionEditor(id: id, question: "vraag_2").path,
                [("textNL", "Welk cijfer?"), ("type", "report_mark"), ("condition", #"{"question": "vraag_3", "answered": true}"#)])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("vraag 1, vraag_2"))
            #expect(wrong.text.contains("vraag_3"), "what was typed is kept")
            // A bound outside the mark's scale says nothing: refused, with the scale named.
            let outside = try await browser.post(
                SiteRoute.questionEditor(id: id, question: "vraag_3").path,
                [("textNL", "Wat kan beter?"), ("type", "long_text"), ("condition", #"{"question": "vraag_2", "atMost": 60}"#)])
            #expect(outside.status == .unprocessableEntity && outside.text.contains("buiten de schaal") && outside.text.contains("1–10"))
            let saved = try await browser.post(
                SiteRoute.questionEditor(id: id, question: "vraag_3").path,
                [
                    ("textNL", "Wat kan beter?"), ("textEN", "What could be better?"), ("type", "long_text"), ("theme", "algemeen"),
                    ("condition", #"{"question": "vraag_2", "atMost": 5}"#),
                ])
            #expect(saved.location == editor)
            definition = try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.definition())
            #expect(definition.question("vraag_3")?.condition == .atMost(question: "vraag_2", value: 5))
            #expect(definition.question("vraag_3")?.theme == "algemeen")
            // The builder says the condition in words, never as JSON.
            let overview = try await browser.get(editor)
            #expect(overview.text.contains("alleen als ‘vraag_2’ (Welk cijfer?) is 5 of lager"))
            #expect(!overview.text.contains("atMost"))
            let questionEditor = try await browser.get(SiteRoute.questionEditor(id: id, question: "vraag_3").path)
            #expect(questionEditor.text.contains("Dat betekent: alleen als ‘vraag_2’ (Welk cijfer?) is 5 of lager."))

            try await browser.post(editor, [("actie", "omhoog:vraag_3")])
            definition = try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.definition())
            #expect(definition.questions.map(\.key) == ["vraag_2", "vraag_3"], "a follow-up cannot move above what it looks at")

            let preview = try await browser.get(SiteRoute.questionnairePreview(id: id).path + "?taal=en")
            #expect(preview.status == .ok && preview.text.contains("How was it?") && preview.text.contains("What could be better?"))
        }
    }

    @Test func aChangeToAnAnsweredQuestionnaireBecomesANewVersion() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let answerer = Browser(app)
            try await answerer.post(SiteRoute.answerStart(link: link).path)
            try await answerer.post(SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "8")])
            try await answerer.post(SiteRoute.answerPage(link: link).path, [("pagina", "p2"), ("getoond", "bereik,onderwerpen")])
            let questionnaire = try #require(try await Questionnaire.query(on: app.db).filter(\.$openLinkKey == link).first())
            let id = try questionnaire.requireID()
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let page = try await browser.get(SiteRoute.questionnaireEditor(id: id).path)
            #expect(page.text.contains("wordt versie 2"))
            try await browser.post(
                SiteRoute.questionnaireEditor(id: id).path,
                [("actie", "nieuwe-vraag:p2"), ("newType[p2]", "yes_no"), ("newText[p2]", "Nog iets?")])
            let versions = try await QuestionnaireVersion.query(on: app.db).filter(\.$questionnaire.$id == id).sort(\.$number).all()
            #expect(versions.map(\.number) == [1, 2])
            #expect(try versions[0].definition().questions.count == 4, "the answered version is untouched")
            #expect(try versions[1].definition().questions.count == 5)
        }
    }

    @Test func questionsComeFromAndGoToTheQuestionBankWithTheirSource() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let created = try await browser.post(
                SiteRoute.newQuestionnaire.path, [("key", "kort"), ("kind", "topical"), ("audience", "parent"), ("titleNL", "Kort")])
            let editor = try #require(created.location)
            let bank = try await browser.get(SiteRoute.questionBank.path)
            #expect(bank.text.contains("NHS Friends and Family Test") && bank.text.contains("CC0"))
            let added = try await browser.post(editor, [("actie", "uit-bank:p1"), ("bankItem[p1]", "ervaring_algemeen")])
            #expect(added.location == editor)
            let twice = try await browser.post(editor, [("actie", "uit-bank:p1"), ("bankItem[p1]", "ervaring_algemeen")])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("ervaring_algemeen staat al"))
            let questionnaire = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "kort").first())
            let id = try questionnaire.requireID()
            let definition = try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.definition())
            #expect(definition.question("ervaring_algemeen")?.type == .friendsAndFamily, "same key, so answers compare across questionnaires")

            let missing = try await browser.post(SiteRoute.questionToBank(id: id, question: "vraag_1").path, [("source", ""), ("licence", "vrij")])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Vul in waar de vraag vandaan komt."))
            let kept = try await browser.post(
                SiteRoute.questionToBank(id: id, question: "vraag_1").path, [("source", "Eigen vraag, cliëntenraad 2026"), ("licence", "vrij")])
            #expect(kept.location == SiteRoute.questionBank.path)
            #expect(try await browser.get(SiteRoute.questionBank.path).text.contains("Eigen vraag, cliëntenraad 2026"))
        }
    }
}

@Suite("Decoded questionnaire documents")
struct DefinitionCacheTests {
    @Test func aChangedDocumentIsNeverServedFromTheCache() throws {
        let version = try QuestionnaireVersion(questionnaireID: UUID(), number: 1, definition: sampleQuestionnaire, createdAt: Date())
        #expect(try version.definition().title.text("nl") == "Hoe was de hulp?")
        var changed = sampleQuestionnaire
        changed.title = LocalizedText(nl: "Anders")
        version.definitionJSON = try QuestionnaireVersion(questionnaireID: UUID(), number: 1, definition: changed, createdAt: Date()).definitionJSON
        #expect(try version.definition().title.text("nl") == "Anders")
    }
    @Test func aSmileyQuestionGetsWordsForItsFacesOneLineEach() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let created = try await browser.post(
                SiteRoute.newQuestionnaire.path,
                [("key", "kinderen"), ("kind", "exit"), ("audience", "child_8_11"), ("titleNL", "Wat vond jij?")])
            let editor = try #require(created.location)
            try await browser.post(editor, [("actie", "nieuwe-vraag:p1"), ("newType[p1]", "smiley_3"), ("newText[p1]", "Voel je je veilig?")])
            let id = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "kinderen").first()?.requireID())
            let path = SiteRoute.questionEditor(id: id, question: "vraag_2").path
            #expect(try await browser.get(path).text.contains("Niet fijn | Not nice"), "the standard words, ready to change")

            let tooMany = try await browser.post(path, [("textNL", "Voel je je veilig?"), ("type", "smiley_3"), ("options", "a\nb\nc\nd")])
            #expect(tooMany.status == .unprocessableEntity && tooMany.text.contains("hoogstens 3 regels"))
            let saved = try await browser.post(
                path, [("textNL", "Voel je je veilig?"), ("type", "smiley_3"), ("options", "Nee | No\r\nEen beetje | A bit\r\nJa | Yes")])
            #expect(saved.status == .seeOther)
            var question = try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.definition().question("vraag_2"))
            #expect(question.answerOptions.map { $0.label.text("en") } == ["No", "A bit", "Yes"])
            #expect(try await browser.get(path).text.contains("Een beetje | A bit"))

            // Another type has no faces: the words go with them.
            try await browser.post(path, [("textNL", "Voel je je veilig?"), ("type", "yes_no"), ("options", "Nee | No\nEen beetje | A bit\nJa | Yes")])
            question = try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.definition().question("vraag_2"))
            #expect(question.type == .yesNo && question.scaleLabels == nil)
        }
    }
}
