import FluentKit
import Foundation
import SQLKit

/// Answer counts without the month, summed from `answer_tallies`: what every view without a
/// period reads (see `ResultsData`).
package struct CreateAnswerTotals: AsyncMigration {
    package var name: String { "Meedenken.CreateAnswerTotals" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("answer_totals")
            .field("version_id", .uuid, .required, .references("questionnaire_versions", .id))
            .field("team", .string, .required)
            .field("respondent_role", .string, .required)
            .field("age_band", .string, .required)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("question_key", .string, .required)
            .field("value", .string, .required)
            .field("n", .int, .required)
            .constraint(
                .constraint(
                    .unique(
                        fields: ["version_id", "team", "respondent_role", "age_band", "language", "channel", "question_key", "value"].map { .key(.string($0)) }),
                    name: "uq_answer_totals")
            )
            .create()
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        let columns = ["version_id", "team", "respondent_role", "age_band", "language", "channel", "question_key", "value"].joined(separator: ", ")
        try await sql.raw(
            "INSERT INTO answer_totals (\(unsafeRaw: columns), n) SELECT \(unsafeRaw: columns), SUM(n) FROM answer_tallies GROUP BY \(unsafeRaw: columns)"
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("answer_totals").delete()
    }
}
