import Fluent
import Foundation
import MeedenkenCore
import SQLKit

/// What the database holds for one questionnaire's results, counted per leaf (team and the
/// asked-for attributes) in two grouped queries: respondents, and answers per question and value.
/// Open-answer texts are never read here, only counted.
struct ResultsData: Sendable {
    struct Leaf: Hashable, Sendable {
        let team: UUID?
        /// One value per dimension of `dimensions`, in that order.
        let values: [String]
    }

    let dimensions: [ResultDimension]
    let respondents: [Leaf: Int]
    let tallies: [Leaf: [String: QuestionTally]]

    /// Reads the count tables (`ResultTallies`), grouped by team and the asked-for attributes;
    /// without `answers`, only the respondents.
    static func load(versionIDs: [UUID], dimensions: [ResultDimension], answers: Bool = true, on database: any Database) async throws -> ResultsData {
        guard let sql = database as? any SQLDatabase, !versionIDs.isEmpty else {
            return ResultsData(dimensions: dimensions, respondents: [:], tallies: [:])
        }
        let dimensionColumns = dimensions.enumerated().map { ", \($1.tallyColumn) AS d\($0)" }.joined()
        let groupColumns = (1...(1 + dimensions.count)).map(String.init).joined(separator: ", ")

        var respondentsQuery = SQLQueryString(
            "SELECT team\(unsafeRaw: dimensionColumns), CAST(SUM(n) AS BIGINT) AS n FROM response_tallies WHERE version_id IN (")
        respondentsQuery.appendInterpolation(binds: versionIDs)
        respondentsQuery.appendLiteral(") GROUP BY \(groupColumns)")
        var respondents: [Leaf: Int] = [:]
        for row in try await sql.raw(respondentsQuery).all() {
            respondents[try leaf(row, dimensions.count), default: 0] += try row.decode(column: "n", as: Int.self)
        }

        guard answers else { return ResultsData(dimensions: dimensions, respondents: respondents, tallies: [:]) }
        // Without a period the month-less totals do, at a fraction of the rows.
        let table = dimensions.contains { $0 == .quarter || $0 == .month } ? "answer_tallies" : "answer_totals"
        var answersQuery = SQLQueryString(
            "SELECT team\(unsafeRaw: dimensionColumns), question_key AS question, value AS answer, CAST(SUM(n) AS BIGINT) AS n FROM \(unsafeRaw: table) WHERE version_id IN ("
        )
        answersQuery.appendInterpolation(binds: versionIDs)
        answersQuery.appendLiteral(") GROUP BY \(groupColumns), \(dimensions.count + 2), \(dimensions.count + 3)")
        var tallies: [Leaf: [String: QuestionTally]] = [:]
        for row in try await sql.raw(answersQuery).all() {
            let question = try row.decode(column: "question", as: String.self)
            guard let answer = StoredAnswer.decode(try row.decode(column: "answer", as: String.self)) else { continue }
            tallies[try leaf(row, dimensions.count), default: [:]][question, default: QuestionTally()].add(
                answer, count: try row.decode(column: "n", as: Int.self))
        }
        return ResultsData(dimensions: dimensions, respondents: respondents, tallies: tallies)
    }

    /// Answers per period for one group only (a place, with the view's filter values), for the
    /// given questions: what theme scores over time need, without every team's every answer.
    static func periodTallies(
        versionIDs: [UUID], period: ResultDimension, teams: [String]?, filter: [(ResultDimension, String)], questionKeys: [String],
        on database: any Database
    ) async throws -> [String: [String: QuestionTally]] {
        guard let sql = database as? any SQLDatabase, !versionIDs.isEmpty, !questionKeys.isEmpty else { return [:] }
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: period.tallyColumn) AS period, question_key AS question, value AS answer, CAST(SUM(n) AS BIGINT) AS n FROM answer_tallies WHERE version_id IN ("
        )
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") AND question_key IN (")
        query.appendInterpolation(binds: questionKeys)
        query.appendLiteral(")")
        if let teams {
            query.appendLiteral(" AND team IN (")
            query.appendInterpolation(binds: teams.isEmpty ? ["-"] : teams)
            query.appendLiteral(")")
        }
        for (dimension, value) in filter {
            query.appendLiteral(" AND \(dimension.tallyColumn) = ")
            query.appendInterpolation(bind: value)
        }
        query.appendLiteral(" GROUP BY 1, 2, 3")
        var tallies: [String: [String: QuestionTally]] = [:]
        for row in try await sql.raw(query).all() {
            guard let answer = StoredAnswer.decode(try row.decode(column: "answer", as: String.self)) else { continue }
            tallies[try row.decode(column: "period", as: String.self), default: [:]][
                try row.decode(column: "question", as: String.self), default: QuestionTally()
            ]
            .add(answer, count: try row.decode(column: "n", as: Int.self))
        }
        return tallies
    }

    private static func leaf(_ row: any SQLRow, _ count: Int) throws -> Leaf {
        let team = try row.decode(column: "team", as: String.self)
        return Leaf(team: team.isEmpty ? nil : UUID(uuidString: team), values: try (0..<count).map { try row.decode(column: "d\($0)", as: String.self) })
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

    var regionsByName: [UUID] { regionNames.keys.sorted { (regionNames[$0] ?? "", $0.uuidString) < (regionNames[$1] ?? "", $1.uuidString) } }
}
