import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Results tried as an attacker would: a team manager who reads the same page before and after a
/// client they know answers, a staff member who holds several views side by side, a researcher
/// who lines export rows up with who was invited. Figures come from released classes only
/// (`ResultRelease`), so none of these learns anything about fewer than the minimum of people.
@Suite("Results under attack: time, several views, respondent exports")
struct ReleaseAttackTests {
    /// Everything a browser can read of a questionnaire's results, with filters, as JSON.
    private func everything(_ fixture: ResultsFixture, _ browser: Browser) async throws -> [String] {
        var seen: [String] = []
        let filters = [
            ("", ""), ("rol", "parent"), ("rol", "youth_12_plus"), ("taal", "nl"), ("taal", "en"), ("kanaal", "invitation"), ("kwartaal", "2026-Q2"),
        ]
        for (name, value) in filters {
            let query: [SiteQuery] = name.isEmpty ? [] : [.attribute(name: name, value: value)]
            let document = try await fixture.document(browser, query: query)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            seen.append(String(decoding: try encoder.encode(document.groups), as: UTF8.self))
        }
        return seen
    }

    /// How often an answer option was counted in all of `seen` (the mark question's options).
    private static func count(of option: String, in seen: [String]) -> Int {
        let groups = seen.compactMap { try? JSONDecoder().decode([AggregateTable.Group].self, from: Data($0.utf8)) }.flatMap { $0 }
        return groups.flatMap(\.questions).flatMap(\.options).filter { $0.key == option }.reduce(0) { $0 + $1.count }
    }

    @Test(arguments: TestDatabase.all)
    func oneClientWhoAnswersChangesNothingAManagerCanSee(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let fixture = try await ResultsFixture.make(app)
            let manager = try await makeUser(app, role: .teamManager, secondFactor: false, teams: [fixture.teams["A"]!])
            let before = try await everything(fixture, try await signedInBrowser(app, as: manager))
            let page = try await signedInBrowser(app, as: manager).get(fixture.resultsPath).text
            #expect(page.contains("40 mensen"))

            // The client the manager knows answers today, with a mark nobody else gave.
            try await fixture.add(app, count: 1, team: "A", on: app.calendar.day(clock.now), answers: ["cijfer": .number(1)])
            #expect(try await everything(fixture, try await signedInBrowser(app, as: manager)) == before, "nothing moves while the month is open")
            #expect(try await signedInBrowser(app, as: manager).get(fixture.resultsPath).text.contains("40 mensen"))

            // The month closes: one person alone is still too few in every class.
            clock.advance(by: 40 * 86_400)
            let after = try await everything(fixture, try await signedInBrowser(app, as: manager))
            #expect(after == before)
            #expect(Self.count(of: "1", in: after) == 0, "the mark 1 is in no figure")
        }
    }

    @Test(arguments: TestDatabase.all)
    func nothingASmallTeamSaidIsInAnyFigureOfAnyRole(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            // Team B's three people gave the only 4s. A manager of A and C holds "Mijn teams",
            // which is region Noord without B; the coordinator holds the organisation, the
            // regions and every team; the public page holds the organisation.
            let manager = try await makeUser(app, role: .teamManager, secondFactor: false, teams: [fixture.teams["A"]!, fixture.teams["C"]!])
            let coordinator = try await makeUser(app, role: .coordinator)
            var seen = try await everything(fixture, try await signedInBrowser(app, as: manager))
            seen += try await everything(fixture, try await signedInBrowser(app, as: coordinator))
            #expect(try await signedInBrowser(app, as: coordinator).post(SiteRoute.resultPublication(id: fixture.questionnaireID).path).status == .seeOther)
            let published = try await Browser(app).get(SiteRoute.publishedResult(id: fixture.questionnaireID).path).text
            #expect(published.contains("95 mensen"))
            #expect(Self.count(of: "4", in: seen) == 0, "no figure holds an answer of team B")
            let groups = try seen.flatMap { try JSONDecoder().decode([AggregateTable.Group].self, from: Data($0.utf8)) }
            // Every shown number of people is a sum of A (40), C (25) and D (30): never one with B.
            let sums: Set<Int> = [40, 25, 30, 65, 70, 55, 95]
            #expect(groups.compactMap(\.respondents).allSatisfy { sums.contains($0) }, "\(Set(groups.compactMap(\.respondents)))")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aManagersFilterListsOfferOnlyValuesOfTheirOwnTeams(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            // Twelve foster parents of team D answered in English: a released class, but not one of A's.
            try await fixture.add(app, count: 12, team: "D", role: "foster_parent", language: "en", answers: ["cijfer": .number(7)])
            let manager = try await makeUser(app, role: .teamManager, secondFactor: false, teams: [fixture.teams["A"]!])
            func select(_ name: String, _ html: String) -> String {
                html.components(separatedBy: "id=\"filter-\(name)\"").dropFirst().first?.components(separatedBy: "</select>").first ?? ""
            }
            let page = try await signedInBrowser(app, as: manager).get(fixture.resultsPath).text
            #expect(select("rol", page).contains("value=\"parent\""))
            #expect(!select("rol", page).contains("foster_parent") && !select("taal", page).contains("value=\"en\""), "no value only another team has")
            let coordinator = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator)).get(fixture.resultsPath).text
            #expect(select("rol", coordinator).contains("foster_parent") && select("taal", coordinator).contains("value=\"en\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func respondentExportRowsAreKAnonymousAndSayWhatWasGeneralised(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let fixture = try await ResultsFixture.make(app)
            // Eight youths of team A who answered in English: too few as themselves or as team
            // A's rest; with B's three they make eleven for region Noord.
            try await fixture.add(app, count: 8, team: "A", role: "youth", language: "en", answers: ["cijfer": .number(5)])
            let researcher = try await signedInBrowser(app, as: try await makeUser(app, role: .researcher))
            let csv = try await researcher.get(SiteRoute.questionnaireResponsesExport(id: fixture.questionnaireID).path(.format("csv")))
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            let header = lines[0].map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
            let columns = ["period", "team", "role", "age_band", "language", "channel"].compactMap { header.firstIndex(of: $0) }
            #expect(columns.count == 6)
            var combinations: [[String]: Int] = [:]
            for row in lines.dropFirst() { combinations[columns.map { row[$0] }, default: 0] += 1 }
            #expect(lines.count - 1 == 106, "D's and A's people, C's, and Noord's eleven")
            #expect(combinations.values.allSatisfy { $0 >= 10 }, "\(combinations)")
            let generalised = try #require(header.firstIndex(of: "generalised"))
            let noord = lines.dropFirst().filter { $0[columns[1]] == "Noord" }
            #expect(noord.count == 11 && noord.allSatisfy { $0[generalised].contains("team:region") && $0[columns[2]].isEmpty })
        }
    }
}
