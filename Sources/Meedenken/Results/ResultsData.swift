import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit

/// What results may show of one questionnaire: the released classes (`ResultRelease`: closed
/// months only, classes of at least the minimum) with their people, and per class the answers to
/// each question that at least the minimum of the class answered. Every figure of every view is a
/// sum over these classes. Read from the count tables (`ResultTallies`) per record of team,
/// attributes and month; open-answer texts are never read here, only counted.
struct ResultsData: Sendable {
    typealias Class = ResultRelease.Class

    let release: ResultRelease
    let tallies: [Class: [String: QuestionTally]]

    var classSizes: [Class: Int] { release.classSizes }

    /// Whether no class is released (nothing to show yet).
    var isEmpty: Bool { release.classSizes.isEmpty }

    /// The attributes of a record, in `ResultRelease.Record.attributes` order.
    static let attributes: [ResultDimension] = [.role, .ageBand, .language, .channel]

    /// The counts as read, per record: people, and answers per question.
    struct Rows: Sendable {
        var people: [ResultRelease.Record: Int] = [:]
        var answers: [ResultRelease.Record: [String: QuestionTally]] = [:]
    }

    /// Reads the count tables for the months before `firstOpenMonth`, per record.
    static func read(versionIDs: [UUID], firstOpenMonth: String, on database: any Database) async throws -> Rows {
        guard let sql = database as? any SQLDatabase, !versionIDs.isEmpty else { return Rows() }
        let keyColumns = "team, respondent_role, age_band, language, channel, month"
        var respondentsQuery = SQLQueryString("SELECT \(unsafeRaw: keyColumns), CAST(SUM(n) AS BIGINT) AS n FROM response_tallies WHERE version_id IN (")
        respondentsQuery.appendInterpolation(binds: versionIDs)
        respondentsQuery.appendLiteral(") AND month < ")
        respondentsQuery.appendInterpolation(bind: firstOpenMonth)
        respondentsQuery.appendLiteral(" GROUP BY 1, 2, 3, 4, 5, 6")
        var rows = Rows()
        for row in try await sql.raw(respondentsQuery).all() {
            rows.people[try record(row), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        var answersQuery = SQLQueryString(
            "SELECT \(unsafeRaw: keyColumns), question_key AS question, value AS answer, CAST(SUM(n) AS BIGINT) AS n FROM answer_tallies WHERE version_id IN (")
        answersQuery.appendInterpolation(binds: versionIDs)
        answersQuery.appendLiteral(") AND month < ")
        answersQuery.appendInterpolation(bind: firstOpenMonth)
        answersQuery.appendLiteral(" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8")
        for row in try await sql.raw(answersQuery).all() {
            let question = try row.decode(column: "question", as: String.self)
            guard let answer = StoredAnswer.decode(try row.decode(column: "answer", as: String.self)) else { continue }
            rows.answers[try record(row), default: [:]][question, default: QuestionTally()].add(answer, count: try row.decode(column: "n", as: Int.self))
        }
        return rows
    }

    /// Settles the classes and their answers (CPU only: run it off the event loops).
    static func settle(_ rows: Rows, organisation: ResultOrganisation, minimum: Int, firstOpenMonth: String) -> ResultsData {
        let release = ResultRelease(counts: rows.people, regionOfTeam: organisation.regionOfTeamByText, minimum: minimum, firstOpenMonth: firstOpenMonth)
        return ResultsData(release: release, tallies: classTallies(rows.answers, release: release))
    }

    /// Answers per class, keeping a question only where at least the minimum of the class
    /// answered it: the class is the smallest group any figure rests on.
    static func classTallies(_ recordTallies: [ResultRelease.Record: [String: QuestionTally]], release: ResultRelease) -> [Class: [String: QuestionTally]] {
        var perClass: [Class: [String: QuestionTally]] = [:]
        for (record, questions) in recordTallies {
            guard let released = release.classOf[record] else { continue }
            for (key, tally) in questions { perClass[released, default: [:]][key, default: QuestionTally()].merge(tally) }
        }
        for (released, questions) in perClass {
            perClass[released] = questions.filter { $0.value.respondents >= release.minimum }
        }
        return perClass
    }

    /// The record of a count-table row: the team as the organisation names it (upper-case id).
    static func record(_ row: any SQLRow) throws -> ResultRelease.Record {
        let team = try row.decode(column: "team", as: String.self)
        return ResultRelease.Record(
            team: team.isEmpty ? nil : (UUID(uuidString: team)?.uuidString ?? team),
            attributes: [
                try row.decode(column: "respondent_role", as: String.self), try row.decode(column: "age_band", as: String.self),
                try row.decode(column: "language", as: String.self), try row.decode(column: "channel", as: String.self),
            ],
            month: try row.decode(column: "month", as: String.self))
    }
}

/// The organisation as results group it: teams in regions, by id, with names.
struct ResultOrganisation: Sendable {
    let teamNames: [UUID: String]
    let regionNames: [UUID: String]
    let regionOfTeam: [UUID: UUID]

    static func load(on database: any Database) async throws -> ResultOrganisation {
        let teams = try await Team.query(on: database).all()
        let regions = try await Region.query(on: database).all()
        var teamNames: [UUID: String] = [:]
        var regionOfTeam: [UUID: UUID] = [:]
        for team in teams {
            let id = try team.requireID()
            teamNames[id] = team.name
            regionOfTeam[id] = team.$region.id
        }
        return ResultOrganisation(
            teamNames: teamNames, regionNames: Dictionary(uniqueKeysWithValues: try regions.map { (try $0.requireID(), $0.name) }),
            regionOfTeam: regionOfTeam)
    }

    /// Teams of a region, by name.
    func teams(in region: UUID) -> [UUID] {
        regionOfTeam.filter { $0.value == region }.map(\.key).sorted { (teamNames[$0] ?? "", $0.uuidString) < (teamNames[$1] ?? "", $1.uuidString) }
    }

    /// Region per team, by id text, as `ResultRelease` takes them.
    var regionOfTeamByText: [String: String] {
        Dictionary(uniqueKeysWithValues: regionOfTeam.map { ($0.key.uuidString, $0.value.uuidString) })
    }

    var regionsByName: [UUID] { regionNames.keys.sorted { (regionNames[$0] ?? "", $0.uuidString) < (regionNames[$1] ?? "", $1.uuidString) } }
}
