import FluentKit
import SQLKit

/// Invitations reach the answering flow: a draft may belong to an invitation (one per invitation),
/// and a response carries the coarse team and age band the invitation knew.
package struct AddInvitationColumns: AsyncMigration {
    package var name: String { "Meedenken.AddInvitationColumns" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("response_drafts").field("invitation_id", .uuid).update()
        try await database.schema("responses").field("team_id", .uuid).update()
        try await database.schema("responses").field("age_band", .string).update()
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("CREATE UNIQUE INDEX response_drafts_invitation ON response_drafts (invitation_id)").run()
        try await sql.raw("CREATE INDEX invitations_questionnaire ON invitations (questionnaire_id)").run()
        try await sql.raw("CREATE INDEX invitations_send_after ON invitations (send_after)").run()
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DROP INDEX response_drafts_invitation").run()
        try await sql.raw("DROP INDEX invitations_questionnaire").run()
        try await sql.raw("DROP INDEX invitations_send_after").run()
        try await database.schema("response_drafts").deleteField("invitation_id").update()
        try await database.schema("responses").deleteField("team_id").update()
        try await database.schema("responses").deleteField("age_band").update()
    }
}
