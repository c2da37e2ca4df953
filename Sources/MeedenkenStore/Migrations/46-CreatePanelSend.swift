import FluentKit

/// A panel questionnaire sent to a segment: the segment, the sample's size and seed (so the draw
/// can be shown to be fair), and how many were invited, left out by the cap, or not eligible.
package struct CreatePanelSend: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelSend" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("panel_sends")
            .id()
            .field("questionnaire_id", .uuid, .required, .references("questionnaires", .id, onDelete: .cascade))
            .field("segment", .string, .required)
            .field("sample_size", .int)
            .field("seed", .string, .required)
            .field("pool_size", .int, .required)
            .field("pool_digest", .string, .required)
            .field("in_segment", .int, .required)
            .field("over_cap", .int, .required)
            .field("invited", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("panel_sends").delete()
    }
}
