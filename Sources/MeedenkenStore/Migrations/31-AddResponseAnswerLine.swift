import FluentKit
import SQLKit

/// Adds the answer line to responses and fills it for those already stored: `key=value` pairs
/// joined by the unit separator (character 31), open answers left out.
///
/// Frozen: the fold is written out here in SQL, not taken from today's `AnswerLine`.
package struct AddResponseAnswerLine: AsyncMigration {
    package var name: String { "Meedenken.AddResponseAnswerLine" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("ALTER TABLE responses ADD COLUMN answer_line TEXT").run()
        try await Self.fill(sql)
    }

    /// Folds each response's closed answers into its line.
    package static func fill(_ sql: any SQLDatabase) async throws {
        let fold =
            sql.dialect.name == "sqlite"
            ? "group_concat(a.question_key || '=' || a.value, char(31))" : "string_agg(a.question_key || '=' || a.value, chr(31))"
        try await sql.raw(
            "UPDATE responses SET answer_line = (SELECT \(unsafeRaw: fold) FROM response_answers a WHERE a.response_id = responses.id AND a.value NOT LIKE 'text:%')"
        ).run()
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("ALTER TABLE responses DROP COLUMN answer_line").run()
    }
}
