import Foundation
import SQLKit

extension Store {
    /// Responses per questionnaire version, in one grouped query.
    package func responseCountsByVersion() async throws -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for row in try await sql.raw("SELECT version_id, COUNT(*) AS n FROM responses GROUP BY version_id").all() {
            counts[try row.decode(column: "version_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
