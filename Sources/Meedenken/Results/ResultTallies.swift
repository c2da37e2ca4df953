import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit

/// Counts kept up to date as responses come in, so results of a million responses are read from
/// a few thousand rows instead of twenty million. Exact, not estimated: a response and its
/// counts are written in one transaction, responses are never changed afterwards, and the
/// suppression runs on these counts exactly as on the raw rows. Open-answer texts are counted as
/// `text:` only.
enum ResultTallies {
    /// What a response is counted by: everything results can be filtered or broken down on.
    struct Key: Hashable, Sendable {
        let versionID: UUID
        /// The team's id as text, or "" for none (so the unique key has no NULL in it).
        let team: String
        let role: String
        let ageBand: String
        let language: String
        let channel: String
        /// `2026-05`: months are the finest period results show; quarters are summed from them.
        let month: String

        /// The same order on every instance (a dictionary's order differs per process).
        var order: String { [versionID.uuidString, team, role, ageBand, language, channel, month].joined(separator: "\u{1F}") }

        /// The key of `answer_totals`, which counts over all months.
        var withoutMonth: Key {
            Key(versionID: versionID, team: team, role: role, ageBand: ageBand, language: language, channel: channel, month: "")
        }
    }

    struct Counted: Sendable {
        let key: Key
        /// Question key and stored value.
        let answers: [(String, String)]
    }

    static func key(versionID: UUID, teamID: UUID?, role: String, ageBand: String?, language: String, channel: String, submittedOn: String) -> Key {
        Key(
            versionID: versionID, team: teamID?.uuidString.lowercased() ?? "", role: role, ageBand: ageBand ?? "-", language: language,
            channel: channel, month: String(submittedOn.prefix(7)))
    }

    /// `2026-Q2` for `2026-05` or `2026-05-12`.
    static func quarter(of day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count >= 2, let month = Int(parts[1]) else { return day }
        return "\(parts[0])-Q\((month + 2) / 3)"
    }

    static let keyColumns = ["version_id", "team", "respondent_role", "age_band", "language", "channel", "month"]
    /// `answer_totals` has the same key without the month: the table every view without a
    /// period reads, a tenth or less of `answer_tallies`.
    static let totalColumns = ["version_id", "team", "respondent_role", "age_band", "language", "channel"]

    /// What is counted of an answer: texts only as "an open answer".
    static func countedValue(_ stored: String) -> String { stored.hasPrefix("text:") ? "text:" : stored }

    /// Adds responses to the counts (call inside the transaction that stores them). `totals` is
    /// false only for the migration that recounted by month before `answer_totals` existed.
    static func add(_ responses: [Counted], totals: Bool = true, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in statements(adding: responses, totals: totals) { try await sql.raw(statement).run() }
    }

    /// The statements that add responses to the counts: built apart from running them, because
    /// the SQLite response writer runs them as one chain on its own connection. Counted per key
    /// first (a batch of responses mostly shares one), so each answer is hashed by question and
    /// value only, and each key's values are bound once per statement.
    static func statements(adding responses: [Counted], totals: Bool = true) -> [SQLQueryString] {
        guard !responses.isEmpty else { return [] }
        var countsByKey: [Key: Counts] = [:]
        for response in responses { countsByKey[response.key, default: Counts()].add(response.answers) }
        var statements: [SQLQueryString] = []
        // Rows in one order on every instance: two instances adding to the same counts then lock
        // them in the same order and never wait on each other in a circle (a deadlock).
        let counts = countsByKey.sorted { $0.key.order < $1.key.order }
        for chunk in counts.inBatches(of: 400) {
            statements.append(
                SQLRows.addingCounts(
                    into: "response_tallies", columns: keyColumns + ["n"], conflict: keyColumns, rows: chunk.map { binds($0.key) + [$0.value.respondents] }))
        }
        let answerColumns = ["question_key", "value", "n"]
        for (key, count) in counts {
            for chunk in count.answers.sorted(by: { $0.key.order < $1.key.order }).inBatches(of: 400) {
                statements.append(
                    SQLRows.addingCounts(
                        into: "answer_tallies", shared: Array(zip(keyColumns, binds(key))), columns: answerColumns,
                        conflict: keyColumns + ["question_key", "value"], rows: chunk.map { [$0.key.question, $0.key.value, $0.value] }))
            }
        }
        guard totals else { return statements }
        var totalCounts: [Key: [QuestionValue: Int]] = [:]
        for (key, count) in counts {
            totalCounts[key.withoutMonth, default: [:]].merge(count.answers, uniquingKeysWith: +)
        }
        for (key, answers) in totalCounts.sorted(by: { $0.key.order < $1.key.order }) {
            for chunk in answers.sorted(by: { $0.key.order < $1.key.order }).inBatches(of: 400) {
                statements.append(
                    SQLRows.addingCounts(
                        into: "answer_totals", shared: Array(zip(totalColumns, binds(key))), columns: answerColumns,
                        conflict: totalColumns + ["question_key", "value"], rows: chunk.map { [$0.key.question, $0.key.value, $0.value] }))
            }
        }
        return statements
    }

    private struct QuestionValue: Hashable {
        let question: String
        let value: String

        var order: String { question + "\u{1F}" + value }
    }

    /// The respondents and answers of one key.
    private struct Counts {
        var respondents = 0
        var answers: [QuestionValue: Int] = [:]

        mutating func add(_ answered: [(String, String)]) {
            respondents += 1
            for (question, value) in answered { answers[QuestionValue(question: question, value: countedValue(value)), default: 0] += 1 }
        }
    }

    private static func binds(_ key: Key) -> [any Encodable & Sendable] {
        [key.versionID, key.team, key.role, key.ageBand, key.language, key.channel, key.month]
    }
}

extension Array {
    func inBatches(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
