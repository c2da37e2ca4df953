import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// Opens a small questionnaire with a conditional follow-up and returns its open link.
func openSampleQuestionnaire(_ app: Application) async throws -> String {
    let imported = try await QuestionnaireStore(database: app.db).save(sampleQuestionnaire, now: app.clock.now())
    imported.questionnaire.isOpen = true
    try await imported.questionnaire.save(on: app.db)
    return imported.questionnaire.openLinkKey
}

let sampleQuestionnaire = QuestionnaireDefinition(
    key: "proef", kind: .exit, audience: .parent, title: LocalizedText(nl: "Hoe was de hulp?", en: "How was the help?"),
    pages: [
        QuestionPage(
            key: "p1",
            questions: [
                Question(key: "cijfer", type: .reportMark, text: LocalizedText(nl: "Welk cijfer?", en: "What mark?"), required: true),
                Question(key: "beter", type: .longText, text: LocalizedText(nl: "Wat kan beter?"), condition: .atMost(question: "cijfer", value: 5)),
            ]),
        QuestionPage(
            key: "p2",
            questions: [
                Question(key: "bereik", type: .frequency4, text: LocalizedText(nl: "Bereikbaar?"), allowsDontKnow: true, theme: "bereikbaarheid"),
                Question(
                    key: "onderwerpen", type: .multipleChoice, text: LocalizedText(nl: "Waarover?"),
                    options: [
                        AnswerOption(key: "school", label: LocalizedText(nl: "School")), AnswerOption(key: "thuis", label: LocalizedText(nl: "Thuis")),
                    ]),
            ]),
    ])

@Suite("Answering through an open link")
struct AnsweringTests {
    @Test(arguments: TestDatabase.all)
    func aRespondentAnswersPageByPageAndOneAnonymousResponseIsStored(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            let start = try await browser.get(SiteRoute.answerStart(link: link).path)
            #expect(start.text.contains("Je antwoorden zijn anoniem") && start.text.contains("niet voor klachten of noodgevallen"))
            #expect(start.text.contains("minstens 10 mensen"))
            let begun = try await browser.post(SiteRoute.answerStart(link: link).path)
            #expect(begun.location == SiteRoute.answerPage(link: link).path)
            let page = SiteRoute.answerPage(link: link).path

            let missing = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("Geef hier een antwoord op."))
            let low = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "4")])
            #expect(low.status == .ok, "a low mark shows its follow-up before moving on")
            #expect(low.text.contains("Wat kan beter?") && low.text.contains("value=\"4\" checked"))
            #expect(low.text.contains("name=\"getoond\" value=\"cijfer,beter\""))
            #expect(
                try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "4"), ("a-beter", "Vaker bellen")]).status
                    == .seeOther)
            let second = try await browser.get(page)
            #expect(second.text.contains("Deel 2 van 2") && second.text.contains("Versturen"))
            let cookiesBeforeSending = browser.cookies
            let sent = try await browser.post(
                page,
                [
                    ("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", Question.dontKnowValue), ("a-onderwerpen[]", "thuis"),
                    ("a-onderwerpen[]", "school"),
                ])
            #expect(sent.location == SiteRoute.answerThanks(link: link).path)
            // A retry whose first answer was lost still carries the cookie: the same thank-you.
            let retry = Browser(app)
            for (name, value) in cookiesBeforeSending { retry.setCookie(name, value) }
            #expect(try await retry.post(page, [("pagina", "p2"), ("a-bereik", "always")]).location == SiteRoute.answerThanks(link: link).path)
            #expect(try await retry.get(page).location == SiteRoute.answerThanks(link: link).path)
            // The back button after sending: the cookie is gone, so a fresh start.
            #expect(try await browser.post(page, [("pagina", "p2"), ("a-bereik", "always")]).location == SiteRoute.answerStart(link: link).path)

            let responses = try await SurveyResponse.query(on: app.db).with(\.$answers).all()
            #expect(responses.count == 1)
            let response = try #require(responses.first)
            #expect(response.submittedOn == app.calendar.day(app.clock.now()) && response.channel == "open_link")
            #expect(AnswerLine.parse(response.answerLine ?? "") == ["cijfer": .number(4), "bereik": .dontKnow, "onderwerpen": .options(["school", "thuis"])])
            let openAnswers = Dictionary(uniqueKeysWithValues: response.answers.map { ($0.questionKey, $0.value) })
            #expect(openAnswers == ["beter": "text:Vaker bellen"])
            let draft = try #require(try await ResponseDraft.query(on: app.db).first())
            #expect(draft.isSent && draft.answersJSON == "{}", "the draft keeps nothing once sent")
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingAnEarlierAnswerDropsTheHiddenFollowUp(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            try await browser.post(SiteRoute.answerStart(link: link).path)
            let page = SiteRoute.answerPage(link: link).path
            try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", "Alles")])
            let back = try await browser.post(page, [("pagina", "p2"), ("richting", "terug"), ("a-bereik", "mostly")])
            #expect(back.status == .seeOther)
            let first = try await browser.get(page)
            #expect(first.text.contains("Alles"), "the answer given is shown again")
            try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "9"), ("a-beter", "Alles")])
            let second = try await browser.get(page)
            #expect(second.text.contains("value=\"mostly\" checked"), "going back kept page 2's answer")
            try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "mostly")])
            let response = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(AnswerLine.parse(response.answerLine ?? "").keys.sorted() == ["bereik", "cijfer"])
            // Closed answers live in the answer line and the counts; only open answers get a row.
            #expect(try await ResponseAnswer.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aClosedQuestionnaireAFilledHoneypotAndAnUnknownLinkStoreNothing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let robot = Browser(app)
            let trapped = try await robot.post(SiteRoute.answerStart(link: link).path, [("hp_leeg", "https://spam.example")])
            #expect(trapped.location == SiteRoute.answerThanks(link: link).path)
            #expect(try await ResponseDraft.query(on: app.db).count() == 0)

            let questionnaire = try #require(try await Questionnaire.query(on: app.db).first())
            questionnaire.isOpen = false
            try await questionnaire.save(on: app.db)
            let closed = try await Browser(app).get(SiteRoute.answerStart(link: link).path)
            #expect(closed.text.contains("Deze vragenlijst is nu gesloten"))
            #expect(try await Browser(app).get(SiteRoute.answerStart(link: "geraden").path).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func startingIsLimitedPerAddress(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            for _ in 1...AnsweringController.startsPerAddress {
                #expect(try await Browser(app).post(SiteRoute.answerStart(link: link).path).status == .seeOther)
            }
            let refused = try await Browser(app).post(SiteRoute.answerStart(link: link).path)
            #expect(refused.status == .tooManyRequests)
        }
    }

    /// DESIGN §4.1: from a copy of the database no response can be joined to a person, token,
    /// draft, address or time of day.
    @Test(arguments: TestDatabase.all)
    func aCopyOfTheDatabaseCannotJoinAResponseToAnythingElse(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let browser = Browser(app)
            browser.remoteAddress = "198.51.100.23"
            try await browser.post(SiteRoute.answerStart(link: link).path)
            try await browser.post(
                SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", "Meer uitleg")])
            try await browser.post(SiteRoute.answerPage(link: link).path, [("pagina", "p2"), ("getoond", "bereik,onderwerpen")])
            let sql = try #require(app.db as? any SQLDatabase)
            let response = try #require(try await sql.raw("SELECT * FROM responses").first())
            // The answer line holds the answers again, in one text: nothing about who or when
            // (`mix` is a random number that hides the order of arrival, ArrivalHiding).
            #expect(
                Set(response.allColumns) == [
                    "id", "version_id", "submitted_on", "language", "channel", "respondent_role", "team_id", "age_band", "answer_line", "mix",
                ])
            #expect(try response.decode(column: "answer_line", as: String.self) == "cijfer=number:3")
            // The open answer has a row of its own (it is reviewed on its own), and nothing more.
            let openAnswer = try #require(try await sql.raw("SELECT * FROM response_answers").first())
            #expect(Set(openAnswer.allColumns) == ["id", "response_id", "question_key", "value", "mix"])
            #expect(try openAnswer.decode(column: "value", as: String.self) == "text:Meer uitleg")
            let responseID = try response.decode(column: "id", as: UUID.self)
            // Nothing else in the database mentions the response.
            for table in ["response_drafts", "audit_events", "rate_limit_counters", "staff_sessions"] {
                for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String.self)) ?? ""
                        #expect(!text.lowercased().contains(responseID.uuidString.lowercased()), "\(table).\(column)")
                    }
                }
            }
            let day = try response.decode(column: "submitted_on", as: String.self)
            #expect(day.count == 10, "a day, no time")
        }
    }
}

@Suite("Keeping little")
struct DraftRetentionTests {
    @Test(arguments: TestDatabase.all)
    func housekeepingForgetsLeftOverOpenLinkDraftsAfterADayAndSentMarkersAfterAWeek(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let stopped = Browser(app)
            try await stopped.post(SiteRoute.answerStart(link: link).path)
            try await stopped.post(SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "7")])
            let sent = Browser(app)
            try await sent.post(SiteRoute.answerStart(link: link).path)
            try await sent.post(SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "8")])
            try await sent.post(SiteRoute.answerPage(link: link).path, [("pagina", "p2"), ("getoond", "bereik,onderwerpen")])

            clock.advance(by: 2 * 24 * 3600)
            try await Housekeeping.run(on: app.db, config: app.config, now: clock.now)
            let drafts = try await ResponseDraft.query(on: app.db).all()
            #expect(drafts.count == 1 && drafts.first?.isSent == true, "answers left behind on a shared device go after a day")

            clock.advance(by: 6 * 24 * 3600)
            try await Housekeeping.run(on: app.db, config: app.config, now: clock.now)
            #expect(try await ResponseDraft.query(on: app.db).count() == 0, "the sent marker is gone after a week")
            #expect(try await SurveyResponse.query(on: app.db).count() == 1, "the anonymous response stays")
        }
    }

    /// A personal invitation's unsent draft is kept a month, for the invited person to come back.
    @Test(arguments: TestDatabase.all)
    func housekeepingKeepsAnInvitationsDraftForAMonth(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            try await inviteFamily(app)
            try await MailWorker.runOnce(app)
            let link = try #require(try readMails(folder).first { $0.to == "ouder@example.nl" }?.token)
            let browser = Browser(app)
            try await browser.post(SiteRoute.invitationStart(token: link).path)
            try await browser.post(SiteRoute.invitationPage(token: link).path, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "7")])
            clock.advance(by: 8 * 24 * 3600)
            try await Housekeeping.run(on: app.db, config: app.config, now: clock.now)
            #expect(try await ResponseDraft.query(on: app.db).count() == 1)
            clock.advance(by: 31 * 24 * 3600)
            try await Housekeeping.run(on: app.db, config: app.config, now: clock.now)
            #expect(try await ResponseDraft.query(on: app.db).count() == 0)
        }
    }
}

@Suite("Long answers")
struct LongAnswerTests {
    @Test func aPageOfLongNonASCIIAnswersFitsThroughTheRealServer() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            var definition = sampleQuestionnaire
            definition.key = "lang"
            definition.pages = [
                QuestionPage(
                    key: "p1",
                    questions: (1...8).map {
                        Question(key: "open\($0)", type: .longText, text: LocalizedText(nl: "Vertel \($0)"))
                    })
            ]
            let imported = try await QuestionnaireStore(database: app.db).save(definition, now: app.clock.now())
            imported.questionnaire.isOpen = true
            try await imported.questionnaire.save(on: app.db)
            let link = imported.questionnaire.openLinkKey
            let starter = Browser(app)
            try await starter.post(SiteRoute.answerStart(link: link).path)
            // Through the real HTTP server, where body limits apply. It follows the redirect itself.
            let browser = Browser(app, transport: .running(hostname: "127.0.0.1", port: 0))
            for (name, value) in starter.cookies { browser.setCookie(name, value) }
            let long = String(repeating: "één €uro ", count: 555)  // 4,995 characters, ~24 kB encoded
            var fields = [("pagina", "p1"), ("getoond", (1...8).map { "open\($0)" }.joined(separator: ","))]
            fields += (1...8).map { ("a-open\($0)", long) }
            let response = try await browser.post(SiteRoute.answerPage(link: link).path, fields)
            #expect(
                response.status == .ok && response.text.contains("Bedankt voor je antwoorden"),
                "answered \(response.status): \(response.text.components(separatedBy: "<main").last?.prefix(600) ?? "")")
            #expect(try await ResponseAnswer.query(on: app.db).count() == 8)
        }
    }
}
