import Foundation
import MeedenkenCore
import SQLKit

/// One response's record and its answer line: what a respondent-level figure (a theme score per
/// person for the wave comparison) rests on. One row per response, so it is a full read of the
/// questionnaire's responses: read only where a figure needs each person.
package struct RespondentAnswers: Sendable {
    package let record: ResultRelease.Record
    package let answerLine: String
}

extension Store {
    /// Every response of the versions (of `ownTeams` only, for a team manager).
    package func respondentAnswers(versionIDs: [UUID], ownTeams: Set<UUID>?) async throws -> [RespondentAnswers] {
        guard !versionIDs.isEmpty else { return [] }
        var query = SQLQueryString(
            "SELECT r.answer_line AS answers, r.team_id AS team\(unsafeRaw: ResponseRecordColumns.selected) FROM responses r WHERE r.version_id IN (")
        query.appendInterpolation(binds: versionIDs)
        query.appendLiteral(")")
        if let ownTeams {
            query.appendLiteral(" AND r.team_id IN (")
            query.appendInterpolation(binds: ownTeams.isEmpty ? [UUID()] : Array(ownTeams))
            query.appendLiteral(")")
        }
        return try await sql.raw(query).all().map { row in
            RespondentAnswers(record: try Self.responseRecord(row), answerLine: try row.decode(column: "answers", as: String?.self) ?? "")
        }
    }
}
