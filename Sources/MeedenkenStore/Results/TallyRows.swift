import Foundation
import MeedenkenCore
import SQLKit

/// The count tables of one questionnaire as read, per record (team, attributes, month): people,
/// and answers per question. Open-answer texts are never read here, only counted. Settling them
/// into released classes (`ResultRelease`) is pure work for the caller.
package struct TallyRows: Sendable {
    package var people: [ResultRelease.Record: Int] = [:]
    package var answers: [ResultRelease.Record: [String: QuestionTally]] = [:]

    package init() {}
}

extension Store {
    /// The counts for the months before `firstOpenMonth`: people and answers, read at the same
    /// time (two statements, independent).
    package func tallyRows(versionIDs: [UUID], firstOpenMonth: String) async throws -> TallyRows {
        guard !versionIDs.isEmpty else { return TallyRows() }
        async let people = peopleRows(versionIDs: versionIDs, firstOpenMonth: firstOpenMonth)
        async let answers = answerRows(versionIDs: versionIDs, firstOpenMonth: firstOpenMonth)
        var rows = TallyRows()
        rows.people = try await people
        rows.answers = try await answers
        return rows
    }

    private func peopleRows(versionIDs: [UUID], firstOpenMonth: String) async throws -> [ResultRelease.Record: Int] {
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: ResponseRecordColumns.tallyKey), CAST(SUM(n) AS BIGINT) AS n FROM response_tallies WHERE version_id IN (")
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") AND month < ")
        query.appendInterpolation(bind: firstOpenMonth)
        query.appendLiteral(" GROUP BY 1, 2, 3, 4, 5, 6")
        var people: [ResultRelease.Record: Int] = [:]
        for row in try await sql.raw(query).all() {
            people[try Self.tallyRecord(row), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return people
    }

    private func answerRows(versionIDs: [UUID], firstOpenMonth: String) async throws -> [ResultRelease.Record: [String: QuestionTally]] {
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: ResponseRecordColumns.tallyKey), question_key AS question, value AS answer, CAST(SUM(n) AS BIGINT) AS n FROM answer_tallies WHERE version_id IN ("
        )
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") AND month < ")
        query.appendInterpolation(bind: firstOpenMonth)
        query.appendLiteral(" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8")
        var answers: [ResultRelease.Record: [String: QuestionTally]] = [:]
        for row in try await sql.raw(query).all() {
            let question = try row.decode(column: "question", as: String.self)
            guard let answer = StoredAnswer.decode(try row.decode(column: "answer", as: String.self)) else { continue }
            answers[try Self.tallyRecord(row), default: [:]][question, default: QuestionTally()].add(answer, count: try row.decode(column: "n", as: Int.self))
        }
        return answers
    }

    /// The record of a count-table row: the team as the organisation names it (upper-case id).
    static func tallyRecord(_ row: any SQLRow) throws -> ResultRelease.Record {
        let team = try row.decode(column: "team", as: String.self)
        return ResultRelease.Record(
            team: team.isEmpty ? nil : (UUID(uuidString: team)?.uuidString ?? team),
            attributes: [
                try row.decode(column: "respondent_role", as: String.self), try row.decode(column: "age_band", as: String.self),
                try row.decode(column: "language", as: String.self), try row.decode(column: "channel", as: String.self),
            ],
            month: try row.decode(column: "month", as: String.self))
    }

    /// The record of a response row selected with `ResponseRecordColumns.selected` after `team`.
    static func responseRecord(_ row: any SQLRow) throws -> ResultRelease.Record {
        ResultRelease.Record(
            team: try row.decode(column: "team", as: UUID?.self)?.uuidString,
            attributes: try ResponseRecordColumns.attributes.indices.map { try row.decode(column: "d\($0)", as: String.self) },
            month: try row.decode(column: "month", as: String.self))
    }
}
