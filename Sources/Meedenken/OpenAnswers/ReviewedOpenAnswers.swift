import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit

/// Reviewed open answers of a questionnaire with the attributes of their response, so a results
/// view can count coded themes and quote masked texts for exactly its own group. Only masked
/// text is ever read here.
struct ReviewedOpenAnswers {
    struct Item {
        /// The response's record, so a view counts the answer exactly when its class counts.
        let record: ResultRelease.Record
        let questionKey: String
        let masked: String
        let themes: [String]
        let tone: OpenAnswerTone?
    }

    static func load(versionIDs: [UUID], on database: any Database) async throws -> [Item] {
        guard let sql = database as? any SQLDatabase, !versionIDs.isEmpty else { return [] }
        let attributes = ResultsData.attributes.enumerated().map { ", \($1.sqlExpression) AS d\($0)" }.joined()
        var query = SQLQueryString(
            """
            SELECT r.team_id AS team\(unsafeRaw: attributes), \(unsafeRaw: ResultDimension.month.sqlExpression) AS month, a.question_key AS question,
            rv.masked_text AS masked, rv.themes AS themes, rv.tone AS tone FROM open_answer_reviews rv JOIN response_answers a ON a.id = rv.answer_id
            JOIN responses r ON r.id = a.response_id WHERE rv.reviewed_at IS NOT NULL AND r.version_id IN (
            """)
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") ORDER BY rv.reviewed_at DESC")
        return try await sql.raw(query).all().map { row in
            Item(
                record: ResultRelease.Record(
                    team: try row.decode(column: "team", as: UUID?.self)?.uuidString,
                    attributes: try ResultsData.attributes.indices.map { try row.decode(column: "d\($0)", as: String.self) },
                    month: try row.decode(column: "month", as: String.self)),
                questionKey: try row.decode(column: "question", as: String.self), masked: try row.decode(column: "masked", as: String?.self) ?? "",
                themes: try row.decode(column: "themes", as: String.self).split(separator: ",").map(String.init),
                tone: try row.decode(column: "tone", as: String?.self).flatMap(OpenAnswerTone.init(rawValue:)))
        }
    }
}
