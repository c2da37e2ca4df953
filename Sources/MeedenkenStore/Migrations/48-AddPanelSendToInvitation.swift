import FluentKit

/// A panel questionnaire's invitations name their send, so the panel page shows each send's
/// response rate (the invitation still learns only "completed").
package struct AddPanelSendToInvitation: AsyncMigration {
    package var name: String { "Meedenken.AddPanelSendToInvitation" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("invitations").field("panel_send_id", .uuid).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("invitations").deleteField("panel_send_id").update()
    }
}
