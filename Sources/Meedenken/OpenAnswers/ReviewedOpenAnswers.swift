import Fluent
import Foundation
import MeedenkenCore
import SQLKit

/// Reviewed open answers of a questionnaire with the attributes of their response, so a results
/// view can count coded themes and quote masked texts for exactly its own group. Only masked
/// text is ever read here.
struct ReviewedOpenAnswers {
    struct Item {
        let leaf: ResultsData.Leaf
        let questionKey: String
        let masked: String
        let themes: [String]
        let tone: OpenAnswerTone?
    }

    static func load(versionIDs: [UUID], dimensions: [ResultDimension], on database: any Database) async throws -> [Item] {
        guard let sql = database as? any SQLDatabase, !versionIDs.isEmpty else { return [] }
        let dimensionColumns = dimensions.enumerated().map { ", \($1.sqlExpression) AS d\($0)" }.joined()
        var query = SQLQueryString(
            """
            SELECT r.team_id AS team\(unsafeRaw: dimensionColumns), a.question_key AS question, rv.masked_text AS masked, rv.themes AS themes,
            rv.tone AS tone FROM open_answer_reviews rv JOIN response_answers a ON a.id = rv.answer_id JOIN responses r ON r.id = a.response_id
            WHERE rv.reviewed_at IS NOT NULL AND r.version_id IN (
            """)
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(") ORDER BY rv.reviewed_at DESC")
        return try await sql.raw(query).all().map { row in
            Item(
                leaf: ResultsData.Leaf(
                    team: try row.decode(column: "team", as: UUID?.self),
                    values: try (0..<dimensions.count).map { try row.decode(column: "d\($0)", as: String.self) }),
                questionKey: try row.decode(column: "question", as: String.self), masked: try row.decode(column: "masked", as: String?.self) ?? "",
                themes: try row.decode(column: "themes", as: String.self).split(separator: ",").map(String.init),
                tone: try row.decode(column: "tone", as: String?.self).flatMap(OpenAnswerTone.init(rawValue:)))
        }
    }
}
