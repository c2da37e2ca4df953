import FluentKit
import SQLKit

/// Counts by month, so results can follow a continuous questionnaire month by month; quarters
/// are sums of months. Recounted from the stored responses, which never change.
///
/// Frozen: plain SQL over the tables as they were then (every answer in `response_answers`,
/// open answers counted as `text:`, the team as lower-case text, no age band as `-`).
package struct CountResultTalliesByMonth: AsyncMigration {
    package var name: String { "Meedenken.CountResultTalliesByMonth" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await CreateResultTallies.dropTables(on: database)
        try await CreateResultTallies.createTables(periodColumn: "month", on: database)
        let team = sql.dialect.name == "sqlite" ? "COALESCE(lower(r.team_id), '')" : "COALESCE(CAST(r.team_id AS TEXT), '')"
        let key = "r.version_id, \(team), r.respondent_role, COALESCE(r.age_band, '-'), r.language, r.channel, substr(r.submitted_on, 1, 7)"
        let columns = "version_id, team, respondent_role, age_band, language, channel, month"
        try await sql.raw(
            "INSERT INTO response_tallies (\(unsafeRaw: columns), n) SELECT \(unsafeRaw: key), COUNT(*) FROM responses r GROUP BY \(unsafeRaw: key)"
        ).run()
        let value = "CASE WHEN a.value LIKE 'text:%' THEN 'text:' ELSE a.value END"
        try await sql.raw(
            """
            INSERT INTO answer_tallies (\(unsafeRaw: columns), question_key, value, n) \
            SELECT \(unsafeRaw: key), a.question_key, \(unsafeRaw: value), COUNT(*) FROM responses r JOIN response_answers a ON a.response_id = r.id \
            GROUP BY \(unsafeRaw: key), a.question_key, \(unsafeRaw: value)
            """
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await CreateResultTallies.dropTables(on: database)
        try await CreateResultTallies.createTables(periodColumn: "quarter", on: database)
    }
}
