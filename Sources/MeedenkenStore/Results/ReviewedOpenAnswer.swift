import FluentKit
import Foundation
import MeedenkenCore
import SQLKit

/// A reviewed open answer with the record of its response, so a results view can count coded
/// themes and quote masked texts for exactly its own group. Only masked text is ever read here.
package struct ReviewedOpenAnswer: Sendable {
    /// The response's record, so a view counts the answer exactly when its class counts.
    package let record: ResultRelease.Record
    package let questionKey: String
    package let masked: String
    package let themes: [String]
    package let tone: OpenAnswerTone?
}

extension Store {
    /// The reviewed open answers of a questionnaire's versions, the latest review first.
    package func reviewedOpenAnswers(versionIDs: [UUID]) async throws -> [ReviewedOpenAnswer] {
        guard !versionIDs.isEmpty else { return [] }
        var query = SQLQueryString(
            """
            SELECT r.team_id AS team\(unsafeRaw: ResponseRecordColumns.selected), a.question_key AS question,
            rv.masked_text AS masked, rv.themes AS themes, rv.tone AS tone FROM open_answer_reviews rv JOIN response_answers a ON a.id = rv.answer_id
            JOIN responses r ON r.id = a.response_id WHERE rv.reviewed_at IS NOT NULL AND r.version_id IN (
            """)
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") ORDER BY rv.reviewed_at DESC")
        return try await sql.raw(query).all().map { row in
            ReviewedOpenAnswer(
                record: try Self.responseRecord(row), questionKey: try row.decode(column: "question", as: String.self),
                masked: try row.decode(column: "masked", as: String?.self) ?? "",
                themes: try row.decode(column: "themes", as: String.self).split(separator: ",").map(String.init),
                tone: try row.decode(column: "tone", as: String?.self).flatMap(OpenAnswerTone.init(rawValue:)))
        }
    }

    /// Open answers not yet reviewed: the open answers counted on arrival (never empty) minus
    /// the reviewed ones, so a million responses are not scanned for their texts.
    package func pendingOpenAnswerCount(questionnaireID: UUID, versionIDs: [UUID]) async throws -> Int {
        async let answered = openAnswersCounted(versionIDs: versionIDs)
        async let reviewed = OpenAnswerReview.query(on: database).filter(\.$questionnaireID == questionnaireID).filter(\.$reviewedAt != nil).count()
        return max(0, try await answered - reviewed)
    }

    private func openAnswersCounted(versionIDs: [UUID]) async throws -> Int {
        guard !versionIDs.isEmpty else { return 0 }
        var texts = SQLQueryString("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM answer_totals WHERE value = 'text:' AND version_id IN (")
        texts.appendInterpolation(binds: versionIDs)
        texts.appendLiteral(")")
        return try await sql.raw(texts).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every reviewed, masked open answer of the versions, by response id (lowercase):
    /// coordinators review them one by one, so they are few next to the responses.
    package func reviewedTextsByResponse(versionIDs: [UUID]) async throws -> [String: [String: Answer]] {
        guard !versionIDs.isEmpty else { return [:] }
        var query = SQLQueryString(
            "SELECT a.response_id, a.question_key, rv.masked_text FROM open_answer_reviews rv JOIN response_answers a ON a.id = rv.answer_id JOIN responses r ON r.id = a.response_id WHERE rv.reviewed_at IS NOT NULL AND r.version_id IN ("
        )
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(")")
        var texts: [String: [String: Answer]] = [:]
        for row in try await sql.raw(query).all() {
            guard let masked = try row.decode(column: "masked_text", as: String?.self) else { continue }
            texts[try row.decode(column: "response_id", as: UUID.self).uuidString.lowercased(), default: [:]][
                try row.decode(column: "question_key", as: String.self)] = .text(masked)
        }
        return texts
    }
}
