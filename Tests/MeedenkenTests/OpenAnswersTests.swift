import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Open answers: danger flags, review, masking, coding")
struct OpenAnswersTests {
    /// Answers the sample questionnaire through its open link with a low mark and an open answer.
    func answer(_ app: Application, link: String, text: String) async throws {
        let browser = Browser(app)
        let page = SiteRoute.answerPage(link: link).path
        _ = try await browser.get(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "4"), ("a-beter", text)])
        let sent = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "never")])
        // A flagged answer gets its thank-you page at once, with help first (nothing in the address).
        #expect(sent.location == SiteRoute.answerThanks(link: link).path || (sent.status == .ok && sent.text.contains("Wil je nu met iemand praten?")))
    }

    @Test(arguments: TestDatabase.all)
    func aWorryingAnswerIsFlaggedAtOnceAndOthersSeeOnlyTheReviewedMaskedText(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let original = "Ik voel me thuis niet veilig. Bel Petra Jansen op 06-12345678, ze is nooit bereikbaar."
            try await answer(app, link: link, text: original)
            let questionnaire = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "proef").first())
            let id = try questionnaire.requireID()
            let flag = try #require(try await OpenAnswerReview.query(on: app.db).first())
            #expect(flag.danger && flag.reviewedAt == nil && flag.dangerWords == "niet veilig")

            let coordinator = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let home = try await coordinator.get(SiteRoute.staffHome.path)
            #expect(home.text.contains("open antwoord dat op gevaar kan wijzen") && home.text.contains(SiteRoute.openAnswers(id: id).path))
            let manager = try await signedInBrowser(app, as: try await makeUser(app, role: .teamManager, secondFactor: false))
            #expect(!(try await manager.get(SiteRoute.staffHome.path)).text.contains("gevaar"), "only coordinators are told")

            let review = try await coordinator.get(SiteRoute.openAnswers(id: id).path)
            #expect(review.status == .ok && review.text.contains("Petra Jansen") && review.text.contains("niet veilig"))
            #expect(review.text.contains("Bel [naam] op [gegeven]"), "masking is proposed")
            #expect(review.text.contains("value=\"bereikbaarheid\" checked"), "the codebook suggests a theme")
            let researcher = try await signedInBrowser(app, as: try await makeUser(app, role: .researcher))
            let results = SiteRoute.questionnaireResults(id: id).path
            #expect(!(try await researcher.get(results)).text.contains("Petra"), "unreviewed: nobody else reads it")
            #expect(try await coordinator.get(results).text.contains("Open antwoorden beoordelen (1 wacht)"))

            let answerID = flag.answerID.uuidString
            let empty = try await coordinator.post(
                SiteRoute.openAnswers(id: id).path, [("antwoord", answerID), ("gemaskeerd", " "), ("themas", "veiligheid"), ("toon", "improvement")])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Vul de tekst in die anderen mogen zien"))
            #expect(empty.text.contains("value=\"veiligheid\" checked") && empty.text.contains("value=\"improvement\" checked"), "choices are kept")
            let masked = "Ik voel me thuis niet veilig. Bel [naam], ze is nooit bereikbaar."
            let saved = try await coordinator.post(
                SiteRoute.openAnswers(id: id).path,
                [("antwoord", answerID), ("gemaskeerd", masked), ("themas", "veiligheid"), ("themas", "bereikbaarheid"), ("toon", "improvement")])
            #expect(saved.status == .seeOther)
            #expect(!(try await coordinator.get(SiteRoute.staffHome.path)).text.contains("gevaar kan wijzen"), "reviewed: the flag is done")

            // A quote from an open question one person answered is a group of one: it appears only
            // once enough people answered that question.
            #expect(!(try await researcher.get(results)).text.contains(masked))
            let fixture = ResultsFixture(
                questionnaireID: id, versionID: try #require(try await QuestionnaireStore.latestVersion(of: id, on: app.db)?.id), teams: [:])
            try await fixture.add(app, count: 12, team: nil, on: app.calendar.day(clock.now), answers: ["cijfer": .number(4), "beter": .text("Meer tijd")])
            #expect(!(try await researcher.get(results)).text.contains(masked), "results of this month are released when it closes")
            #expect(try await coordinator.get(results).text.contains("Open antwoorden beoordelen (12 wachten)"), "one reviewed, twelve new")
            clock.advance(by: 40 * 86_400)
            // A month later: the sessions of before have ended.
            let reader = try await signedInBrowser(app, as: try await makeUser(app, role: .researcher, email: "onderzoeker2@test.nl"))
            let page = try await reader.get(results)
            #expect(page.text.contains(masked) && page.text.contains("Veiligheid"))
            #expect(!page.text.contains("Petra") && !page.text.contains("06-12345678"))
            let export = try await reader.get(SiteRoute.questionnaireResponsesExport(id: id).path(.format("csv")))
            #expect(export.text.contains(masked) && !export.text.contains("Petra") && !export.text.contains("Meer tijd"), "unreviewed texts stay in")
        }
    }

    @Test func theCodebookIsEditedAndCannotLoseItsDangerWords() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let coordinator = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let shown = try await coordinator.get(SiteRoute.codebook.path)
            #expect(shown.status == .ok && shown.text.contains("bereikba"))
            let refused = try await coordinator.post(SiteRoute.codebook.path, [("stammen-informatie", "folder"), ("gevaar", " ")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Laat minstens één woord staan"))
            #expect(refused.text.contains("value=\"folder\""), "what was typed is kept")
            #expect(
                try await coordinator.post(SiteRoute.codebook.path, [("stammen-informatie", "folder, brochure"), ("gevaar", "onveilig")]).status == .seeOther)
            let codebook = try await CodebookStore.current(app, on: app.db)
            #expect(codebook.stems["informatie"] == ["folder", "brochure"] && codebook.dangerWords == ["onveilig"])
            #expect(codebook.suggestedThemes(for: "De brochure was fijn") == ["informatie"])
        }
    }
}
