import FluentKit
import Foundation
import SQLKit

/// Answers are read per response (exports, open-answer review, the cascade when a response
/// goes): without this index each of those reads scans every answer.
package struct AddResponseAnswerIndex: AsyncMigration {
    package var name: String { "Meedenken.AddResponseAnswerIndex" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("CREATE INDEX response_answers_response ON response_answers (response_id)").run()
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DROP INDEX response_answers_response").run()
    }
}
