import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken seed-results --responses N --teams T`: made-up responses to a 20-question
/// questionnaire spread over T teams, for the results benchmark and for trying large numbers.
/// It refuses a database that holds any response already, so it can never mix with real answers.
struct SeedResultsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "responses", help: "How many responses (default 1000000)") var responses: Int?
        @Option(name: "teams", help: "How many teams, in regions of five (default 40)") var teams: Int?
    }

    var help: String { "Fills an empty database with made-up responses for benchmarks (never on real data)." }

    static let key = "bench-resultaten"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await SurveyResponse.query(on: app.db).count() == 0 else {
            throw SeedRefused(description: "this database holds responses already; made-up ones are only added to an empty one")
        }
        let now = app.clock.now()
        var teams: [UUID] = []
        let teamCount = max(1, signature.teams ?? 40)
        for index in 0..<teamCount {
            if index % 5 == 0 {
                try await Region(name: "Regio \(index / 5 + 1)", createdAt: now).create(on: app.db)
            }
            let region = try await Region.query(on: app.db).sort(\.$createdAt, .descending).sort(\.$name, .descending).first()
            let team = Team(name: String(format: "Team %02d", index + 1), regionID: try region!.requireID(), createdAt: now)
            try await team.create(on: app.db)
            teams.append(try team.requireID())
        }
        let saved = try await QuestionnaireStore(database: app.db).save(Self.definition, now: now)
        let count = signature.responses ?? 1_000_000
        let started = ContinuousClock.now
        try await SyntheticResponses(versionID: try saved.version.requireID(), definition: Self.definition, calendar: app.calendar).insert(
            .init(count: count, teams: teams, firstDay: now.addingTimeInterval(-730 * 86_400), days: 730, seed: 7), on: app.db)
        context.console.print("Added \(count) responses to \(Self.key) (\(try saved.questionnaire.requireID().uuidString)) in \(started.duration(to: .now)).")
    }

    /// Twenty questions: the scales, the report mark, the recommendation, the Friends and Family
    /// Test, yes/no and both choices.
    static var definition: QuestionnaireDefinition {
        let themes = Theme.defaults.map(\.key)
        var questions: [Question] = (1...14).map { number in
            Question(
                key: "stelling_\(number)", type: number % 2 == 0 ? .agree5 : .frequency4,
                text: LocalizedText(nl: "Stelling \(number)", en: "Statement \(number)"),
                allowsDontKnow: true, theme: themes[number % themes.count])
        }
        questions += [
            Question(key: "cijfer", type: .reportMark, text: LocalizedText(nl: "Welk cijfer?"), theme: "algemeen"),
            Question(key: "aanraden", type: .recommendation, text: LocalizedText(nl: "Zou u ons aanraden?")),
            Question(key: "ervaring", type: .friendsAndFamily, text: LocalizedText(nl: "Hoe was uw ervaring?"), theme: "algemeen"),
            Question(key: "weer", type: .yesNo, text: LocalizedText(nl: "Zou u terugkomen?")),
            Question(
                key: "hoe", type: .singleChoice, text: LocalizedText(nl: "Hoe hoorde u van ons?"),
                options: ["school", "huisarts", "rechter", "anders"].map { AnswerOption(key: $0, label: LocalizedText(nl: $0.capitalized)) }),
            Question(
                key: "waarover", type: .multipleChoice, text: LocalizedText(nl: "Waarover ging het?"),
                options: ["school", "thuis", "geld", "gezondheid"].map { AnswerOption(key: $0, label: LocalizedText(nl: $0.capitalized)) }),
        ]
        return QuestionnaireDefinition(
            key: key, kind: .satisfactionWave, audience: .parent, title: LocalizedText(nl: "Benchmark: twintig vragen", en: "Benchmark: twenty questions"),
            pages: [QuestionPage(key: "p1", questions: questions)])
    }
}

struct SeedRefused: Error, CustomStringConvertible {
    let description: String
}
