import FluentKit

/// The two count tables, first counted by quarter. `CountResultTalliesByMonth` replaces them.
package struct CreateResultTallies: AsyncMigration {
    package var name: String { "Meedenken.CreateResultTallies" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await Self.createTables(periodColumn: "quarter", on: database)
    }

    package func revert(on database: any Database) async throws {
        try await Self.dropTables(on: database)
    }

    /// The tables as this migration made them, by quarter or (`CountResultTalliesByMonth`) by
    /// month. Frozen: later changes to the counts never change what this does.
    static func createTables(periodColumn: String, on database: any Database) async throws {
        for (table, extra) in [("response_tallies", false), ("answer_tallies", true)] {
            // No id column: the unique key over every counted attribute is the key.
            var schema = database.schema(table)
                .field("version_id", .uuid, .required, .references("questionnaire_versions", .id))
                .field("team", .string, .required)
                .field("respondent_role", .string, .required)
                .field("age_band", .string, .required)
                .field("language", .string, .required)
                .field("channel", .string, .required)
                .field(.string(periodColumn), .string, .required)
            var unique: [FieldKey] = ["version_id", "team", "respondent_role", "age_band", "language", "channel", .string(periodColumn)]
            if extra {
                schema = schema.field("question_key", .string, .required).field("value", .string, .required)
                unique += ["question_key", "value"]
            }
            try await schema.field("n", .int, .required).constraint(.constraint(.unique(fields: unique.map { .key($0) }), name: "uq_\(table)")).create()
        }
    }

    static func dropTables(on database: any Database) async throws {
        try await database.schema("answer_tallies").delete()
        try await database.schema("response_tallies").delete()
    }
}
