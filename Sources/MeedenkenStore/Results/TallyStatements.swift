import Foundation
import MeedenkenCore
import SQLKit

/// The statements that add responses to the counts (`ResultTallies`), run in the transaction
/// that stores them.
extension ResultTallies {
    package static let keyColumns = ["version_id", "team", "respondent_role", "age_band", "language", "channel", "month"]
    /// `answer_totals` has the same key without the month: the table every view without a
    /// period reads, a tenth or less of `answer_tallies`.
    package static let totalColumns = ["version_id", "team", "respondent_role", "age_band", "language", "channel"]

    /// Built apart from running them, because the SQLite response writer runs them as one chain
    /// on its own connection. Counted per key first, so each key's values are bound once per
    /// statement.
    package static func statements(adding responses: [Counted]) -> [SQLQueryString] {
        guard !responses.isEmpty else { return [] }
        var statements: [SQLQueryString] = []
        // Rows in one order on every instance (`counts(of:)`): no deadlock between instances.
        let counts = counts(of: responses)
        for chunk in counts.inBatches(of: 400) {
            statements.append(
                SQLRows.addingCounts(
                    into: "response_tallies", columns: keyColumns + ["n"], conflict: keyColumns,
                    rows: chunk.map { binds($0.key) + [$0.counts.respondents] }))
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

    private static func binds(_ key: Key) -> [any Encodable & Sendable] {
        [key.versionID, key.team, key.role, key.ageBand, key.language, key.channel, key.month]
    }
}
