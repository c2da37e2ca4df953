import Foundation
import SQLKit

/// An open answer waiting for review: the text as written (which may name people), and what
/// the safety net found in it.
package struct PendingOpenAnswer: Sendable {
    package let answerID: UUID
    package let questionKey: String
    package let text: String
    package let danger: Bool
    package let dangerWords: String?
    /// The safety net's record, where one was raised: who looked and what was done.
    package let flagID: UUID?
}

extension Store {
    /// Unreviewed open answers of these versions, flagged ones first, at most `limit`.
    package func pendingOpenAnswers(versionIDs: [UUID], limit: Int) async throws -> [PendingOpenAnswer] {
        guard !versionIDs.isEmpty else { return [] }
        var query = SQLQueryString(
            """
            SELECT a.id AS id, a.question_key AS question, a.value AS value, rv.danger AS danger, rv.danger_words AS words, f.id AS flag
            FROM response_answers a JOIN responses r ON r.id = a.response_id LEFT JOIN open_answer_reviews rv ON rv.answer_id = a.id
            LEFT JOIN danger_flags f ON f.review_id = rv.id
            WHERE a.value LIKE 'text:%' AND a.value <> 'text:' AND rv.reviewed_at IS NULL AND r.version_id IN (
            """)
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") ORDER BY CASE WHEN rv.danger IS NULL THEN 1 WHEN rv.danger = ")
        query.appendInterpolation(bind: true)
        query.appendLiteral(" THEN 0 ELSE 1 END, a.id LIMIT \(limit)")
        return try await sql.raw(query).all().map { row in
            PendingOpenAnswer(
                answerID: try row.decode(column: "id", as: UUID.self), questionKey: try row.decode(column: "question", as: String.self),
                text: String(try row.decode(column: "value", as: String.self).dropFirst(5)),
                danger: try row.decode(column: "danger", as: Bool?.self) ?? false, dangerWords: try row.decode(column: "words", as: String?.self),
                flagID: try row.decode(column: "flag", as: UUID?.self))
        }
    }
}
