import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// A questionnaire answered in two regions: Noord has teams A (40), B (3) and C (25); Zuid has
/// team D (30). Team A gives an 8, B a 4, C a 6 and D a 7.
struct ResultsFixture {
    let questionnaireID: UUID
    let versionID: UUID
    let teams: [String: Team]

    static func make(_ app: Application) async throws -> ResultsFixture {
        let imported = try await QuestionnaireStore(database: app.db).save(sampleQuestionnaire, now: app.clock.now())
        var teams: [String: Team] = [:]
        for (regionName, teamNames) in [("Noord", ["A", "B", "C"]), ("Zuid", ["D"])] {
            let region = Region(name: regionName, createdAt: app.clock.now())
            try await region.create(on: app.db)
            for name in teamNames {
                let team = Team(name: "Team \(name)", regionID: try region.requireID(), createdAt: app.clock.now())
                try await team.create(on: app.db)
                teams[name] = team
            }
        }
        let fixture = ResultsFixture(questionnaireID: try imported.questionnaire.requireID(), versionID: try imported.version.requireID(), teams: teams)
        for (team, count, mark) in [("A", 40, 8), ("B", 3, 4), ("C", 25, 6), ("D", 30, 7)] {
            try await fixture.add(app, count: count, team: team, answers: ["cijfer": .number(mark), "bereik": .option("mostly")])
        }
        return fixture
    }

    func add(
        _ app: Application, count: Int, team: String?, role: String = "parent", language: String = "nl", on day: String = "2026-05-12",
        answers: [String: Answer]
    ) async throws {
        // As respondents' responses are stored, through the store's one way of storing them.
        let encoded = answers.sorted { $0.key < $1.key }.map { (key: $0.key, value: StoredAnswer.encode($0.value)) }
        let response = NewResponse(
            draft: nil, versionID: versionID, submittedOn: day, language: language, channel: team == nil ? "open_link" : "invitation", respondentRole: role,
            teamID: team.flatMap { teams[$0]?.id }, answers: encoded)
        let stored = try await Store(app.db).storeResponses(Array(repeating: response, count: count))
        #expect(stored == Array(repeating: true, count: count))
    }

    var resultsPath: String { SiteRoute.questionnaireResults(id: questionnaireID).path }

    func document(_ browser: Browser, query: [SiteQuery] = []) async throws -> AggregateTable.Document {
        let response = try await browser.get(SiteRoute.questionnaireResultsExport(id: questionnaireID).path([.format("json")] + query))
        #expect(response.status == .ok, "\(response.text.prefix(300))")
        return try JSONDecoder().decode(AggregateTable.Document.self, from: Data(response.body.readableBytesView))
    }

    func group(_ document: AggregateTable.Document, team: String) -> AggregateTable.Group? {
        document.groups.first { $0.place == "team:\(teams[team]!.id!.uuidString.lowercased())" }
    }
}

@Suite("Results: figures, breakdowns and small groups")
struct ResultsTests {
    /// One export vocabulary: the API's names on the web too, one default (semicolon), and the
    /// names the web used before still read the same way (bookmarks).
    @Test func exportLinksUseTheAPINamesAndTheOldNamesStillWork() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let export = SiteRoute.questionnaireResultsExport(id: fixture.questionnaireID)
            let comma = try await browser.get(export.path(.format("csv"), .separator("comma")))
            let semicolon = try await browser.get(export.path(.format("csv"), .separator("semicolon")))
            #expect(comma.status == .ok && semicolon.status == .ok && comma.text != semicolon.text)
            #expect(try await browser.get(export.path + "?formaat=csv&scheidingsteken=komma").text == comma.text)
            #expect(try await browser.get(export.path + "?formaat=csv&scheidingsteken=puntkomma").text == semicolon.text)
            #expect(try await browser.get(export.path).text == semicolon.text, "one default: the semicolon")
            let page = try await browser.get(fixture.resultsPath)
            #expect(page.text.contains("format=csv&amp;separator=comma") && page.text.contains("format=json"))
            #expect(!page.text.contains("formaat=") && !page.text.contains("scheidingsteken="))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSmallTeamIsNeverReleasedAndEveryOtherFigureIsWholeClasses(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let document = try await fixture.document(browser)
            let organisation = try #require(document.groups.first)
            // Team B's three people are too few in their team, their region and the organisation,
            // in their month, quarter and year: they are in no figure at all, so no subtraction
            // of shown figures gives them away.
            #expect(organisation.place == "organisation" && organisation.respondents == 95)
            let mark = try #require(organisation.questions.first { $0.key == "cijfer" })
            #expect(abs((mark.mean ?? 0) - (40.0 * 8 + 25 * 6 + 30 * 7) / 95) < 1e-9)
            #expect(fixture.group(document, team: "A")?.respondents == 40)
            #expect(fixture.group(document, team: "A")?.questions.first { $0.key == "cijfer" }?.mean == 8)
            #expect(fixture.group(document, team: "D")?.respondents == 30)
            let small = try #require(fixture.group(document, team: "B"))
            #expect(small.suppressed && small.respondents == nil && small.questions.allSatisfy { $0.suppressed && $0.mean == nil })
            #expect(fixture.group(document, team: "C")?.respondents == 25)
            let noord = try #require(document.groups.first { $0.name == "Noord" })
            #expect(noord.respondents == 65, "Noord minus A and C gives nothing")

            let page = try await browser.get(fixture.resultsPath)
            #expect(page.status == .ok)
            #expect(page.text.contains("95 mensen") && page.text.contains("Team B") && page.text.contains("Te weinig antwoorden om te tonen"))
            #expect(page.text.contains("<svg class=\"chart\" role=\"img\"") && page.text.contains("Staafdiagram"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFilterThatLeavesFewPeopleShowsNothingAndTheRestIsHiddenToo(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            try await fixture.add(app, count: 4, team: "D", role: "foster_parent", answers: ["cijfer": .number(2)])
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let foster = try await fixture.document(browser, query: [.attribute(name: "rol", value: "foster_parent")])
            #expect(foster.groups.allSatisfy { $0.suppressed || $0.respondents == 0 }, "four foster parents are too few anywhere")
            #expect(foster.groups.first?.suppressed == true)
            let parents = try await fixture.document(browser, query: [.attribute(name: "rol", value: "parent")])
            // The four foster parents are in no figure, so all of team D minus its parents is 0.
            #expect(fixture.group(parents, team: "D")?.respondents == 30)
            #expect(try await fixture.document(browser).groups.first { $0.name == "Team D" }?.respondents == 30)
            #expect(fixture.group(parents, team: "A")?.respondents == 40)
            let page = try await browser.get(fixture.resultsPath + "?rol=foster_parent")
            #expect(page.text.contains("Hier kunnen we (nog) niets over laten zien"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTeamManagerSeesOnlyTheirOwnTeams(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let manager = try await makeUser(app, role: .teamManager, secondFactor: false, teams: [fixture.teams["A"]!])
            let browser = try await signedInBrowser(app, as: manager)
            let page = try await browser.get(fixture.resultsPath)
            #expect(page.status == .ok)
            #expect(page.text.contains("Mijn teams") && page.text.contains("Team A"))
            #expect(!page.text.contains("Team D") && !page.text.contains("Hele organisatie") && !page.text.contains("Regio Noord"))
            let document = try await fixture.document(browser)
            #expect(document.groups.map(\.place) == ["own_teams", "team:\(fixture.teams["A"]!.id!.uuidString.lowercased())"])
            #expect(document.groups[0].respondents == 40)
            let other = try await browser.get(fixture.resultsPath + "?onderdeel=team:\(fixture.teams["D"]!.id!.uuidString)")
            #expect(other.status == .ok && other.text.contains("valt buiten wat u mag zien") && !other.text.contains("Team D"))
            let otherExport = try await browser.get(
                SiteRoute.questionnaireResultsExport(id: fixture.questionnaireID).path(.format("json"), .place("team:\(fixture.teams["D"]!.id!.uuidString)")))
            #expect(otherExport.status == .badRequest)
            #expect(try await browser.get(SiteRoute.questionnaireResponsesExport(id: fixture.questionnaireID).path).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func respondentExportsAreForResearchersOnlyAndAudited(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let export = SiteRoute.questionnaireResponsesExport(id: fixture.questionnaireID)
            let coordinator = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            #expect(try await coordinator.get(export.path(.format("csv"))).status == .forbidden)
            let researcher = try await signedInBrowser(app, as: try await makeUser(app, role: .researcher))
            let csv = try await researcher.get(export.path(.format("csv")))
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 96, "a header and the 95 released responses")
            #expect(
                lines[0].contains("respondent;version;period;team;role;age_band;language;channel;generalised")
                    && lines[0].contains("cijfer;beter;bereik;onderwerpen_school"))
            #expect(lines.dropFirst().allSatisfy { $0.contains(";2026-05;Team ") }, "a month, never a day")
            let ids = try await SurveyResponse.query(on: app.db).all().compactMap { $0.id?.uuidString.lowercased() }
            #expect(!ids.contains { csv.text.lowercased().contains($0) }, "no response id leaves the system")
            #expect(try await auditActions(app).contains(.respondentDataExported))
            for format in ["xlsx", "sav"] {
                let file = try await researcher.get(export.path(.format(format)))
                #expect(file.status == .ok && file.body.readableBytes > 500)
            }
            let unknown = try await researcher.get(export.path(.format("pdf")))
            #expect(unknown.status == .badRequest && unknown.text.contains("Dit bestandsformaat kennen we niet"))
        }
    }

    /// Rows of the over-time table: period and people ("–" where hidden).
    static func periodRows(_ html: String) -> [String: String] {
        guard let table = html.range(of: "id=\"period-table\"").map({ String(html[$0.upperBound...]) }) else { return [:] }
        let body = table.prefix { $0 != "§" }.components(separatedBy: "</table>")[0]
        var rows: [String: String] = [:]
        for row in body.components(separatedBy: "<tr><th scope=\"row\">").dropFirst() {
            let period = row.components(separatedBy: "</th>")[0]
            let people = row.components(separatedBy: "<td>").dropFirst().first?.components(separatedBy: "</td>").first ?? ""
            rows[period] = people
        }
        return rows
    }

    @Test(arguments: TestDatabase.all)
    func monthsAreShownWithoutGivingAwayASmallMonthThroughItsQuarter(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            try await fixture.add(app, count: 12, team: "A", on: "2026-04-03", answers: ["cijfer": .number(9), "bereik": .option("always")])
            try await fixture.add(app, count: 4, team: "D", on: "2026-06-20", answers: ["cijfer": .number(3), "bereik": .option("never")])
            try await fixture.add(app, count: 15, team: "A", on: "2026-07-01", answers: ["cijfer": .number(7), "bereik": .option("mostly")])
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))

            let plain = try await browser.get(fixture.resultsPath).text
            #expect(Self.periodRows(plain).isEmpty && plain.contains("per=maand#periods-heading"), "over time is counted on request")
            let byQuarter = Self.periodRows(try await browser.get(fixture.resultsPath + "?per=kwartaal").text)
            // B's three (May) and D's four (June) are too few in their month, quarter and year.
            #expect(byQuarter == ["2026 K2": "107", "2026 K3": "15"])

            let page = try await browser.get(fixture.resultsPath + "?per=maand")
            #expect(page.status == .ok)
            let byMonth = Self.periodRows(page.text)
            #expect(byMonth == ["april 2026": "12", "mei 2026": "95", "juli 2026": "15"], "K2 minus April and May is 0")
            #expect(page.text.contains("class=\"chart trend\"") && page.text.contains("Lijngrafiek"))
            #expect(page.text.contains("aria-current=\"true\">Per maand"))

            let odd = try await browser.get(fixture.resultsPath + "?per=week")
            #expect(odd.status == .ok && odd.text.contains("Een filter had een waarde die niet bestaat"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aThemeOverTimeRestsOnlyOnAnswersItsClassReleases(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            // April: sixteen people of team A, of whom four answered the reachability question.
            try await fixture.add(app, count: 12, team: "A", on: "2026-04-03", answers: ["cijfer": .number(9)])
            try await fixture.add(app, count: 4, team: "A", on: "2026-04-09", answers: ["cijfer": .number(9), "bereik": .option("never")])
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let html = try await browser.get(fixture.resultsPath + "?per=maand").text
            let table = try #require(html.components(separatedBy: "id=\"period-table\"").dropFirst().first?.components(separatedBy: "</table>").first)
            let april = try #require(
                table.components(separatedBy: "<tr><th scope=\"row\">april 2026</th>").dropFirst().first?.components(separatedBy: "</tr>").first)
            let cells = april.components(separatedBy: "<td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
            #expect(cells.first == "16")
            #expect(cells.dropFirst().allSatisfy { $0 == "–" }, "four answers to the theme's question are too few: \(cells)")
            let april2026 = try await fixture.document(browser, query: [.attribute(name: "kwartaal", value: "2026-Q2")])
            let reach = try #require(april2026.groups.first?.questions.first { $0.key == "bereik" })
            #expect(reach.options.first { $0.key == "never" }?.count == 0, "nor in the question's figures")
        }
    }

    /// The upgrades recount and refold what is stored: a database that had responses before the
    /// monthly counts and the answer line gets exactly what counting them on arrival gives.
    @Test(arguments: TestDatabase.all)
    func upgradingRecountsAndRefoldsTheStoredResponsesExactly(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            try await fixture.add(app, count: 3, team: "A", on: "2026-02-10", answers: ["cijfer": .number(9), "beter": .text("Meer uitleg")])
            let sql = try #require(app.db as? any SQLDatabase)
            func snapshot() async throws -> [String] {
                var rows: [String] = []
                for row in try await sql.raw("SELECT team, respondent_role, age_band, language, channel, month, n FROM response_tallies").all() {
                    rows.append(
                        try ["team", "respondent_role", "age_band", "language", "channel", "month"].map { try row.decode(column: $0, as: String.self) }
                            .joined(separator: "|") + "=\(try row.decode(column: "n", as: Int.self))")
                }
                for row in try await sql.raw("SELECT team, month, question_key, value, n FROM answer_tallies").all() {
                    rows.append(
                        try ["team", "month", "question_key", "value"].map { try row.decode(column: $0, as: String.self) }.joined(separator: "|")
                            + "=\(try row.decode(column: "n", as: Int.self))")
                }
                for row in try await sql.raw("SELECT team, channel, question_key, value, n FROM answer_totals").all() {
                    rows.append(
                        "total:"
                            + (try ["team", "channel", "question_key", "value"].map { try row.decode(column: $0, as: String.self) }.joined(separator: "|"))
                            + "=\(try row.decode(column: "n", as: Int.self))")
                }
                // A line's pairs may come in any order; the export reads them into a dictionary.
                for row in try await sql.raw("SELECT answer_line FROM responses").all() {
                    rows.append(
                        try row.decode(column: "answer_line", as: String?.self).map { line in
                            AnswerLine.pairs(line).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "&")
                        } ?? "nil")
                }
                return rows.sorted()
            }
            let onArrival = try await snapshot()
            #expect(onArrival.contains { $0.hasSuffix("|2026-02|beter|text:=3") }, "open answers are counted, never their text")
            #expect(onArrival.contains { $0.hasPrefix("total:") && $0.hasSuffix("|beter|text:=3") })
            // A database from before: every answer had a row of its own.
            try await KeepOnlyOpenAnswersApart().revert(on: app.db)
            #expect(try await ResponseAnswer.query(on: app.db).count() == 98 * 2 + 3 * 2)
            try await CountResultTalliesByMonth().prepare(on: app.db)
            try await CreateAnswerTotals().revert(on: app.db)
            try await CreateAnswerTotals().prepare(on: app.db)
            try await sql.raw("UPDATE responses SET answer_line = NULL").run()
            try await AddResponseAnswerLine.fill(sql)
            try await KeepOnlyOpenAnswersApart().prepare(on: app.db)
            #expect(try await ResponseAnswer.query(on: app.db).all().map(\.value) == Array(repeating: "text:Meer uitleg", count: 3))
            let recounted = try await snapshot()
            #expect(recounted == onArrival, "\(Set(recounted).symmetricDifference(onArrival).sorted().prefix(6))")
        }
    }

    @Test func badFiltersGetAClearMessageAndNeverAnError() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let odd = try await browser.get(fixture.resultsPath + "?rol=%3Cscript%3E&onderdeel=iets")
            #expect(odd.status == .ok)
            #expect(odd.text.contains("Een filter had een waarde die niet bestaat") && odd.text.contains("Deze regio of dit team bestaat niet"))
            #expect(!odd.text.contains("<script>"))
            let compare = try await browser.get(SiteRoute.questionnaireComparison(id: fixture.questionnaireID).path)
            #expect(compare.status == .badRequest && compare.text.contains("Kies eerst een vragenlijst"))
            let missing = try await browser.get(SiteRoute.questionnaireResults(id: UUID()).path)
            #expect(missing.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func twoWavesAreComparedWithWelchsTest(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            var earlier = sampleQuestionnaire
            earlier.key = "proef-vorige"
            earlier.title = LocalizedText(nl: "Vorige meting")
            let imported = try await QuestionnaireStore(database: app.db).save(earlier, now: app.clock.now())
            let previous = ResultsFixture(
                questionnaireID: try imported.questionnaire.requireID(), versionID: try imported.version.requireID(), teams: fixture.teams)
            try await previous.add(app, count: 30, team: "A", answers: ["cijfer": .number(5), "bereik": .option("mostly")])
            try await previous.add(app, count: 30, team: "D", answers: ["cijfer": .number(6), "bereik": .option("always")])
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let results = try await browser.get(fixture.resultsPath)
            #expect(results.text.contains("Vorige meting"), "the other wave is offered for comparison")
            let page = try await browser.get(SiteRoute.questionnaireComparison(id: fixture.questionnaireID).path + "?met=\(previous.questionnaireID)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Welch"))
            #expect(page.text.contains("Hoger (significant)"), "marks went from 5.5 to 7.0")
            #expect(page.text.contains("Lager (significant)"), "reachability went down")

            // The report itself says what changed, once the earlier wave is set as its previous one.
            #expect(!results.text.contains("Veranderingen sinds de vorige meting"))
            let setPrevious = SiteRoute.previousWave(id: fixture.questionnaireID).path
            let wrong = try await browser.post(setPrevious, [("vorige", fixture.questionnaireID.uuidString)])
            #expect(wrong.status == .badRequest && wrong.text.contains("Kies eerst een vragenlijst"), "a wave cannot follow itself")
            #expect(try await browser.post(setPrevious, [("vorige", previous.questionnaireID.uuidString)]).status == .seeOther)
            let report = try await browser.get(fixture.resultsPath)
            #expect(report.text.contains("Veranderingen sinds de vorige meting") && report.text.contains("id=\"changes-questions\""))
            #expect(report.text.contains("Hoger (significant)") && report.text.contains("Lager (significant)"))
            // Published, the public report shows the same changes.
            #expect(try await browser.post(SiteRoute.resultPublication(id: fixture.questionnaireID).path).status == .seeOther)
            let visitor = Browser(app)
            let published = try await visitor.get(SiteRoute.publishedResult(id: fixture.questionnaireID).path)
            #expect(
                published.status == .ok && published.text.contains("Veranderingen sinds de vorige meting") && published.text.contains("Hoger (significant)"))
            // Team managers may read results but not choose the previous wave.
            let manager = try await signedInBrowser(app, as: try await makeUser(app, role: .teamManager, secondFactor: false, teams: [fixture.teams["A"]!]))
            #expect(try await manager.post(setPrevious, [("vorige", "")]).status == .forbidden)
            #expect(try await browser.post(setPrevious, [("vorige", "")]).status == .seeOther)
            #expect(!(try await browser.get(fixture.resultsPath).text.contains("Veranderingen sinds de vorige meting")))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theApiGivesTheSameSuppressedFiguresAndAuditsExports(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let reader = try await makeApiToken(app, scopes: [.resultsRead])
            let api = try await callApi(app, .GET, SiteRoute.apiQuestionnaireResults(id: fixture.questionnaireID).path, token: reader)
            #expect(api.status == .ok)
            let document = try JSONDecoder().decode(AggregateTable.Document.self, from: Data(api.body.readableBytesView))
            #expect(fixture.group(document, team: "B")?.suppressed == true && fixture.group(document, team: "A")?.respondents == 40)
            let export = SiteRoute.apiQuestionnaireResponses(id: fixture.questionnaireID).path
            let refused = try await callApi(app, .GET, export, token: reader)
            #expect(refused.status == .forbidden && refused.headers.contentType?.description.contains("problem+json") == true)
            let researcher = try await makeApiToken(app, scopes: [.responsesExport])
            let csv = try await callApi(app, .GET, export + "?format=csv&separator=comma", token: researcher)
            #expect(csv.status == .ok && csv.text.contains("respondent,version,period"))
            let bad = try await callApi(app, .GET, export + "?format=doc", token: researcher)
            #expect(bad.status == .badRequest && bad.text.contains("parameter format") && bad.text.contains("csv, xlsx, sav"))
            let missing = try await callApi(app, .GET, SiteRoute.apiQuestionnaireResults(id: UUID()).path, token: reader)
            #expect(missing.status == .notFound)
            let exported = try await AuditEvent.query(on: app.db).filter(\.$action == .respondentDataExported).all()
            #expect(exported.count == 1 && exported.first?.actorEmail == "api:zaaksysteem")
        }
    }

    @Test(arguments: TestDatabase.all)
    func publishedResultsShowTheOrganisationOnlyAndNothingSmall(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            let visitor = Browser(app)
            let publicPath = SiteRoute.publishedResult(id: fixture.questionnaireID).path
            #expect(try await visitor.get(publicPath).status == .notFound, "not published: not there")
            let coordinator = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            #expect(try await coordinator.post(SiteRoute.resultPublication(id: fixture.questionnaireID).path).status == .seeOther)
            let list = try await visitor.get(SiteRoute.publishedResults.path)
            #expect(list.status == .ok && list.text.contains(publicPath))
            let page = try await visitor.get(publicPath)
            #expect(page.status == .ok && page.text.contains("95 mensen vulden deze vragenlijst in"))
            #expect(!page.text.contains("Team A") && !page.text.contains("Noord"), "no teams or regions in public")
            let council = try await signedInBrowser(app, as: try await makeUser(app, role: .councilMember))
            #expect(try await council.get(publicPath).status == .ok, "the council sees what is published")
            #expect(try await coordinator.post(SiteRoute.resultPublication(id: fixture.questionnaireID).path).status == .seeOther)
            #expect(try await visitor.get(publicPath).status == .notFound, "withdrawn")
        }
    }
}
