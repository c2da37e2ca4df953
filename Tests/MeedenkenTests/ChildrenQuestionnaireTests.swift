import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Opens the starter questionnaire for children of 8–11 (Resources/Questionnaires) and returns
/// its open link.
func openChildrensQuestionnaire(_ app: Application) async throws -> String {
    let starter = try #require(try QuestionnaireStore.starterDefinitions(in: app).first { $0.key == "einde-begeleiding-kinderen" })
    let imported = try await QuestionnaireStore(database: app.db).save(starter, now: app.clock.now())
    imported.questionnaire.isOpen = true
    try await imported.questionnaire.save(on: app.db)
    return imported.questionnaire.openLinkKey
}

/// Whether a page holds a character a system would draw from an emoji font.
func containsEmoji(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.isEmojiPresentation }
}

@Suite("The children's questionnaire")
struct ChildrenQuestionnaireTests {
    @Test(arguments: TestDatabase.all)
    func smileysAreDrawnFacesWithTheQuestionsOwnWordsInBothLanguages(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openChildrensQuestionnaire(app)
            let browser = Browser(app)
            let start = try await browser.get(SiteRoute.answerStart(link: link).path)
            #expect(start.text.contains("Wie ziet wat jij kiest?") && start.text.contains("minstens 10 kinderen"), "the privacy box in a child's words")
            #expect(!start.text.contains("Wie ziet je antwoorden?"))
            try await browser.post(SiteRoute.answerStart(link: link).path)
            let page = SiteRoute.answerPage(link: link).path

            let dutch = try await browser.get(page)
            #expect(dutch.text.contains("<svg class=\"face\"") && dutch.text.contains("aria-hidden=\"true\""))
            #expect(dutch.text.components(separatedBy: "<svg class=\"face\"").count == 4, "one face per option")
            for label in ["Nee", "Een beetje", "Ja"] { #expect(dutch.text.contains("\(label)</label>"), "label \(label)") }
            #expect(!dutch.text.contains("Niet fijn"), "the standard words do not answer this question")
            #expect(!containsEmoji(dutch.text), "no emoji, which some devices draw as empty boxes")
            #expect(dutch.text.contains("class=\"choice tile\"") && dutch.text.contains("smiley-scale"))

            browser.setCookie(app.config.cookieNames.language, "en")
            let english = try await browser.get(page)
            for label in ["No", "A bit", "Yes"] { #expect(english.text.contains("\(label)</label>"), "label \(label)") }
            let refused = try await browser.post(page, [("pagina", "p1"), ("getoond", "luisteren"), ("a-luisteren", "Ja")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Choose one of the answers."), "a label is not a value")
            #expect(try await browser.post(page, [("pagina", "p1"), ("getoond", "luisteren"), ("a-luisteren", "happy")]).status == .seeOther)

            // A question without its own words keeps the standard five.
            for (pageKey, key) in [("p2", "snappen"), ("p3", "veilig")] {
                try await browser.post(page, [("pagina", pageKey), ("getoond", key), ("a-\(key)", "neutral")])
            }
            browser.setCookie(app.config.cookieNames.language, "nl")
            let fourth = try await browser.get(page)
            #expect(fourth.text.contains("Hoe vond je de hulp?") && fourth.text.contains("Heel fijn</label>"))
            #expect(fourth.text.components(separatedBy: "<svg class=\"face\"").count == 6)
            let wrong = try await browser.post(page, [("pagina", "p4"), ("getoond", "hulp"), ("a-hulp", "happy"), ("a-hulp", "sad")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Kies één antwoord."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func savingAsYouGoKeepsThePageWithoutMovingOn(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            let save = SiteRoute.answerSave(link: link).path
            #expect(try await browser.post(save, [("pagina", "p1"), ("a-cijfer", "4")]).status == .gone, "nothing to save to before starting")
            try await browser.post(SiteRoute.answerStart(link: link).path)
            let page = SiteRoute.answerPage(link: link).path
            #expect(try await browser.get(page).text.contains("data-save=\"\(save)\""))

            // Half a page: the required mark left open is no reason to refuse.
            let typed = try await browser.post(save, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "4"), ("a-beter", "Vaker bellen")])
            #expect(typed.status == .noContent)
            let draft = try #require(try await ResponseDraft.query(on: app.db).first())
            #expect(ResponseDraft.answers(fromJSON: draft.answersJSON) == ["cijfer": .number(4), "beter": .text("Vaker bellen")])
            #expect(draft.currentPage == "p1")
            let again = try await browser.get(page)
            #expect(again.text.contains("Deel 1 van 2") && again.text.contains("Vaker bellen"), "still on the page, the text kept")
            #expect(try await browser.post(save, [("pagina", "p1"), ("a-cijfer", "4"), ("a-beter", "Vaker bellen, en sneller")]).status == .noContent)
            #expect(try await SurveyResponse.query(on: app.db).count() == 0, "saving never sends")

            // Bad input is refused with a message, and nothing of that post is kept.
            let outOfRange = try await browser.post(save, [("pagina", "p1"), ("a-cijfer", "11")])
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.text.contains("Kies een getal uit de reeks."))
            let twice = try await browser.post(save, [("pagina", "p1"), ("a-cijfer", "4"), ("a-cijfer", "5")])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("Kies één antwoord."))
            let tooLong = try await browser.post(save, [("pagina", "p1"), ("a-cijfer", "4"), ("a-beter", String(repeating: "a", count: 5_001))])
            #expect(tooLong.status == .unprocessableEntity && tooLong.text.contains("Dit antwoord is te lang."))
            for fields in [[("pagina", "p9")], [("pagina", "p1"), ("pagina", "p2")], [("a-cijfer", "4")]] {
                let unreadable = try await browser.post(save, fields)
                #expect(unreadable.status == .badRequest && unreadable.text.contains("We konden het formulier niet lezen"))
            }
            let forged = try await browser.post(save, [("pagina", "p1"), ("a-beter", "Van elders"), ("_csrf", "vervalst")])
            #expect(forged.status == .forbidden)
            let kept = try #require(try await ResponseDraft.query(on: app.db).first())
            #expect(ResponseDraft.answers(fromJSON: kept.answersJSON) == ["cijfer": .number(4), "beter": .text("Vaker bellen, en sneller")])
        }
    }

    @Test(arguments: TestDatabase.all)
    func previousKeepsWhatWasTypedAndShowsWhatCannotBeKept(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openChildrensQuestionnaire(app)
            let browser = Browser(app)
            try await browser.post(SiteRoute.answerStart(link: link).path)
            let page = SiteRoute.answerPage(link: link).path
            for (pageKey, key, value) in [("p1", "luisteren", "happy"), ("p2", "snappen", "happy"), ("p3", "veilig", "happy"), ("p4", "hulp", "very_happy")] {
                try await browser.post(page, [("pagina", pageKey), ("getoond", key), ("a-\(key)", value)])
            }
            #expect(try await browser.get(page).text.contains("Wil je nog iets vertellen?"))
            let back = try await browser.post(page, [("pagina", "p5"), ("getoond", "vertellen"), ("richting", "terug"), ("a-vertellen", "Mijn hond")])
            #expect(back.location == page)
            #expect(try await browser.get(page).text.contains("Hoe vond je de hulp?"), "one page back")
            try await browser.post(page, [("pagina", "p4"), ("getoond", "hulp"), ("a-hulp", "very_happy")])
            #expect(try await browser.get(page).text.contains("value=\"Mijn hond\""), "the text typed before going back is there")

            // Too long to keep: the page shows again with the text and the problem, not a silent loss.
            let long = String(repeating: "heel lang ", count: 25)
            let refused = try await browser.post(page, [("pagina", "p5"), ("getoond", "vertellen"), ("richting", "terug"), ("a-vertellen", long)])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Dit antwoord is te lang.") && refused.text.contains(long))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aReturningRespondentCarriesOnWhereTheyWere(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            let start = SiteRoute.answerStart(link: link).path
            #expect(try await browser.get(start).text.contains(">Beginnen</button>"))
            try await browser.post(start)
            let page = SiteRoute.answerPage(link: link).path
            try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "8")])
            try await browser.post(SiteRoute.answerSave(link: link).path, [("pagina", "p2"), ("a-bereik", "mostly")])

            clock.advance(by: 10 * 60)
            let back = try await browser.get(start)
            #expect(back.text.contains("Verder waar je was") && back.text.contains("Je was al begonnen"))
            #expect(!back.text.contains(">Beginnen</button>"))
            let carryOn = try await browser.post(start)
            #expect(carryOn.location == page)
            let there = try await browser.get(page)
            #expect(there.text.contains("Deel 2 van 2") && there.text.contains("value=\"mostly\" checked"))
            browser.setCookie(app.config.cookieNames.language, "en")
            #expect(try await browser.get(start).text.contains("Carry on where you were"))

            // Someone else on another device starts fresh; and past the idle time the draft is gone.
            #expect(!(try await Browser(app).get(start).text.contains("Verder waar je was")))
            browser.setCookie(app.config.cookieNames.language, "nl")
            clock.advance(by: OpenLinkDraft.idleTime + 60)
            let idle = try await browser.get(start)
            #expect(!idle.text.contains("Verder waar je was") && idle.text.contains(">Beginnen</button>"))
        }
    }
}
