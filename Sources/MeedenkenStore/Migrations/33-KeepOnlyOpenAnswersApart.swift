import FluentKit
import Foundation
import SQLKit

/// Closed answers are kept in the response's answer line and in the counts; `response_answers`
/// keeps open answers only, each reviewed on its own. Removes the closed ones stored before
/// (every fold from them has run by now, in the migrations before this one).
package struct KeepOnlyOpenAnswersApart: AsyncMigration {
    package var name: String { "Meedenken.KeepOnlyOpenAnswersApart" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DELETE FROM response_answers WHERE value NOT LIKE 'text:%'").run()
    }

    /// The closed answers come back from the answer lines.
    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        let rows = try await sql.raw("SELECT id, answer_line FROM responses WHERE answer_line IS NOT NULL AND answer_line <> ''").all()
        for start in stride(from: 0, to: rows.count, by: 100) {
            let chunk = rows[start..<min(start + 100, rows.count)]
            var answers: [[any Encodable & Sendable]] = []
            for row in chunk {
                let responseID = try row.decode(column: "id", as: UUID.self)
                for pair in try row.decode(column: "answer_line", as: String.self).split(separator: "\u{1F}") {
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    answers.append([UUID(), responseID, String(pair[..<equals]), String(pair[pair.index(after: equals)...])])
                }
            }
            for start in stride(from: 0, to: answers.count, by: 500) {
                var insert = sql.insert(into: "response_answers").columns("id", "response_id", "question_key", "value")
                for row in answers[start..<min(start + 500, answers.count)] { insert = insert.values(row.map { SQLBind($0) }) }
                try await insert.run()
            }
        }
    }
}
