import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// Issue 14, the safety net: an answer that may signal danger reaches whoever is on duty at once
/// (never its text or writer), is acknowledged, is escalated when nobody looks, and every
/// respondent page says where to get help now (DESIGN §4.7).
@Suite("Safety net: on-duty alerts, acknowledgement, escalation, help on the page")
struct SafetyNetTests {
    static let worrying = "ik wil dood van al die regels"

    /// Answers the sample questionnaire through its open link; the last response.
    func answer(_ app: Application, link: String, text: String, browser: Browser? = nil) async throws -> TestingHTTPResponse {
        let browser = browser ?? Browser(app)
        let page = SiteRoute.answerPage(link: link).path
        _ = try await browser.get(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "4"), ("a-beter", text)])
        return try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "never")])
    }

    func setOnDuty(_ app: Application, _ addresses: String, hours: Int? = nil) async throws {
        let settings = try await OrganisationSettings.current(on: app.db, defaultName: "Jeugdzorg Test", now: app.clock.now())
        settings.onDuty = addresses
        settings.escalationHours = hours
        try await settings.save(on: app.db)
    }

    func dangerMails(_ app: Application) async throws -> [AccountMailTests.Queued] {
        try await AccountMailTests.queued(app).filter { $0.kind.hasPrefix("danger_") }
    }

    @Test(arguments: TestDatabase.all)
    func aFlaggedAnswerIsMailedToWhoeverIsOnDutyAtOnceWithoutItsText(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            try await setOnDuty(app, "dienst@test.nl\nReserve@Test.nl")
            let sent = try await answer(app, link: link, text: Self.worrying)
            // The thank-you page says it more prominently, and nothing in an address or cookie says why.
            #expect(sent.status == .ok && sent.location == nil)
            #expect(sent.text.contains("Wil je nu met iemand praten?") && sent.text.contains("0800-0113") && sent.text.contains("0800-2000"))
            #expect(!sent.text.contains("dood") && !sent.text.contains("regels"), "the page does not say why")
            let mails = try await dangerMails(app)
            #expect(mails.map(\.to).sorted() == ["dienst@test.nl", "reserve@test.nl"])
            let flag = try #require(try await DangerFlag.query(on: app.db).first())
            for mail in mails {
                #expect(mail.kind == DangerAlerts.alertKind && mail.subject == "Een antwoord vraagt aandacht")
                #expect(mail.body.contains("http://127.0.0.1:8080" + SiteRoute.dangerFlag(id: try flag.requireID()).path))
                for secret in ["regels", "dood", "Hoe was de hulp", "proef", "cijfer"] { #expect(!mail.body.contains(secret), "\(secret) in the mail") }
            }
            // The mail run does not raise it twice.
            try await MailWorker.runOnce(app)
            let flagCount = try await DangerFlag.query(on: app.db).count()
            #expect(try await dangerMails(app).count == 2 && flagCount == 1)
            // A harmless answer: the ordinary thank-you, no mail.
            let harmless = try await answer(app, link: link, text: "ik schrok me dood toen ze belde maar het was fijn")
            #expect(harmless.location == SiteRoute.answerThanks(link: link).path)
            let thanks = try await Browser(app).get(SiteRoute.answerThanks(link: link).path)
            #expect(!thanks.text.contains("Wil je nu met iemand praten?") && thanks.text.contains("0800-2000"))
            #expect(try await dangerMails(app).count == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func withNobodyOnDutyTheAdministratorsAreTold(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator, language: .english)
            let link = try await openSampleQuestionnaire(app)
            _ = try await answer(app, link: link, text: "my dad hits me")
            let mails = try await dangerMails(app)
            #expect(mails.map(\.to) == [admin.email] && mails.first?.subject == "An answer needs attention")
        }
    }

    @Test(arguments: TestDatabase.all)
    func whoLookedWhenAndWhatWasDoneIsRecordedByThoseWhoMayReviewOnly(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            try await setOnDuty(app, "dienst@test.nl")
            _ = try await answer(app, link: link, text: Self.worrying)
            let flag = try #require(try await DangerFlag.query(on: app.db).first())
            let path = SiteRoute.dangerFlag(id: try flag.requireID()).path
            let anonymous = try await Browser(app).get(path)
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix(SiteRoute.login.path) == true, "the link needs a login")
            let manager = try await signedInBrowser(app, as: try await makeUser(app, role: .teamManager, secondFactor: false))
            #expect(try await manager.get(path).status == .forbidden)
            let administrator = try await signedInBrowser(app, as: try await makeUser(app, role: .administrator))
            #expect(try await administrator.get(path).status == .forbidden, "administrators do not read open answers")

            let user = try await makeUser(app, role: .coordinator)
            let coordinator = try await signedInBrowser(app, as: user)
            let page = try await coordinator.get(path)
            #expect(page.status == .ok && page.text.contains(Self.worrying) && page.text.contains("dood willen"))
            let missing = try await coordinator.post(path, [("note", "")])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Kies wat je hebt gedaan."))
            let other = try await coordinator.post(path, [("action", "other")])
            #expect(other.status == .unprocessableEntity && other.text.contains("Schrijf kort wat je hebt gedaan."))
            let done = try await coordinator.post(path, [("action", "discussed"), ("note", "Met de aandachtsfunctionaris besproken.")])
            #expect(done.status == .seeOther)
            let saved = try #require(try await DangerFlag.find(flag.id, on: app.db))
            #expect(saved.acknowledgedAt == app.clock.now() && saved.acknowledgedBy == user.id && saved.action == .discussed)
            #expect(saved.note == "Met de aandachtsfunctionaris besproken.")
            #expect(try await auditActions(app).contains(.dangerFlagAcknowledged))
            let after = try await coordinator.get(path)
            #expect(after.text.contains("Bekeken door Test coordinator") && after.text.contains("Besproken met een collega"))
            #expect(try await coordinator.post(path, [("action", "no_concern")]).status == .unprocessableEntity, "recorded once")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnacknowledgedFlagIsEscalatedAfterTheConfiguredHoursAndNotBefore(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let admin = try await makeUser(app, role: .administrator)
            let link = try await openSampleQuestionnaire(app)
            try await setOnDuty(app, "dienst@test.nl", hours: 2)
            _ = try await answer(app, link: link, text: Self.worrying)
            _ = try await answer(app, link: link, text: "ik voel me niet veilig thuis")
            #expect(try await dangerMails(app).count == 2)
            // One of the two is looked at in time.
            let flags = try await DangerFlag.query(on: app.db).all()
            #expect(flags.count == 2)
            let looked = flags[0]
            looked.acknowledgedAt = clock.now
            looked.action = .noConcern
            try await looked.save(on: app.db)

            clock.advance(by: 2 * 3600 - 60)
            try await DangerAlerts.run(app, now: clock.now)
            #expect(try await dangerMails(app).count == 2, "not before the hours are up")
            clock.advance(by: 120)
            try await DangerAlerts.run(app, now: clock.now)
            let escalations = try await dangerMails(app).filter { $0.kind == DangerAlerts.escalationKind }
            #expect(escalations.map(\.to).sorted() == [admin.email, "dienst@test.nl"].sorted())
            #expect(escalations.allSatisfy { $0.body.contains(SiteRoute.dangerFlag(id: flags[1].id!).path) && !$0.body.contains("veilig thuis") })
            clock.advance(by: 24 * 3600)
            try await MailWorker.runOnce(app)
            #expect(try await dangerMails(app).filter { $0.kind == DangerAlerts.escalationKind }.count == 2, "escalated once")
        }
    }

    @Test(arguments: TestDatabase.all)
    func startAndThankYouPagesSayWhereToGetHelpByAgeInBothLanguages(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let parents = try await openSampleQuestionnaire(app)
            var children = sampleQuestionnaire
            children.key = "kinderen"
            children.audience = .child8to11
            let imported = try await QuestionnaireStore(database: app.db).save(children, now: app.clock.now())
            imported.questionnaire.isOpen = true
            try await imported.questionnaire.save(on: app.db)
            let childLink = imported.questionnaire.openLinkKey

            let visitor = Browser(app)
            let parentStart = try await visitor.get(SiteRoute.answerStart(link: parents).path)
            for number in ["0800-2000", "0800-0113", "tel:08000113", "112"] { #expect(parentStart.text.contains(number), "\(number)") }
            #expect(!parentStart.text.contains("Kindertelefoon"), "the child line is for children and youths")
            let childStart = try await visitor.get(SiteRoute.answerStart(link: childLink).path)
            #expect(childStart.text.contains("De Kindertelefoon") && childStart.text.contains("tel:08000432") && childStart.text.contains("0800-2000"))
            // Children read it without the hard word; everyone else gets "anoniem" explained.
            #expect(childStart.text.contains("Niemand kan zien wat jij kiest."))
            #expect(parentStart.text.contains("Anoniem betekent: niemand kan zien dat de antwoorden van jou komen"))
            let thanks = try await visitor.get(SiteRoute.answerThanks(link: childLink).path)
            #expect(thanks.text.contains("Heb je nu hulp nodig?") && thanks.text.contains("0800-0432"))

            _ = try await visitor.post(SiteRoute.languageSwitch.path, [("language", "en"), ("terug", SiteRoute.home.path)])
            let english = try await visitor.get(SiteRoute.answerStart(link: childLink).path)
            #expect(english.text.contains("Do you need help now?") && english.text.contains("For children and young people up to 18"))
            let englishParents = try await visitor.get(SiteRoute.answerStart(link: parents).path)
            #expect(englishParents.text.contains("Anonymous means: nobody can see that the answers come from you"))
            let englishThanks = try await visitor.get(SiteRoute.answerThanks(link: parents).path)
            #expect(englishThanks.text.contains("Is there danger right now? Call 112."))
            let englishFlagged = try await answer(app, link: parents, text: "i want to die", browser: visitor)
            #expect(englishFlagged.text.contains("Would you like to talk to someone now?"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func administratorsEditTheHelpLinesAndWhoIsOnDuty(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let form = try await browser.get(SiteRoute.settings.path)
            #expect(form.text.contains("value=\"0800-2000\"") && form.text.contains("id=\"onDuty\""))
            let fields: [(String, String)] = [
                ("name", "Jeugdzorg Test"), ("brandColour", "#1F5C99"), ("minimumGroupSize", "10"), ("privacyStatement", ""),
                ("helpName_veilig_thuis", "Veilig Thuis regio Oost"), ("helpPhone_veilig_thuis", "0800-1234"),
                ("helpName_alarmnummer", "Alarmnummer"), ("helpPhone_alarmnummer", ""),
            ]
            let bad = try await browser.post(SiteRoute.settings.path, fields + [("onDuty", "dienst@test.nl\ngeen adres"), ("escalationHours", "0")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Dit is geen e-mailadres: geen adres."))
            #expect(bad.text.contains("Kies een aantal uren van 1 tot 168.") && bad.text.contains("value=\"Veilig Thuis regio Oost\""))
            let badPhone = try await browser.post(SiteRoute.settings.path, fields + [("helpPhone_kindertelefoon", "bel <script>")])
            #expect(badPhone.status == .unprocessableEntity && badPhone.text.contains("Schrijf het nummer met cijfers"))
            let good = try await browser.post(SiteRoute.settings.path, fields + [("onDuty", "Dienst@Test.nl"), ("escalationHours", "6")])
            #expect(good.status == .seeOther)
            let settings = try await OrganisationSettings.current(on: app.db, defaultName: "", now: app.clock.now())
            #expect(settings.onDutyAddresses == ["dienst@test.nl"] && settings.escalationHours == 6)
            let start = try await Browser(app).get(SiteRoute.answerStart(link: link).path)
            #expect(start.text.contains("Veilig Thuis regio Oost") && start.text.contains("tel:08001234") && !start.text.contains("tel:112"))
            #expect(start.text.contains("0800-0113"), "lines not sent keep their value")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aStoredCodebookWithTheOldDefaultGetsTheStarterList(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            try await CodebookStore.save(
                Codebook(stems: ["snelheid": ["snel"]], dangerWords: UpdateDangerWordsToPatterns.oldDefault), now: app.clock.now(), on: app.db)
            try await UpdateDangerWordsToPatterns().prepare(on: app.db)
            let upgraded = try await CodebookStore.current(app, on: app.db)
            #expect(upgraded.dangerWords == UpdateDangerWordsToPatterns.starterList && upgraded.stems == ["snelheid": ["snel"]])
            #expect(!upgraded.dangerMatches(in: Self.worrying).isEmpty)
            // An edited list keeps what it found: a single word was the start of a word.
            #expect(UpdateDangerWordsToPatterns.upgraded(["Mishandel", "niet veilig", "suicid*"]) == ["mishandel*", "niet veilig", "suicid*"])
        }
    }
}
