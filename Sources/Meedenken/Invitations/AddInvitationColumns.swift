import Fluent
import SQLKit

/// Invitations reach the answering flow: a draft may belong to an invitation (one per invitation),
/// and a response carries the coarse team and age band the invitation knew.
struct AddInvitationColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResponseDraft.schema).field("invitation_id", .uuid).update()
        try await database.schema(SurveyResponse.schema).field("team_id", .uuid).update()
        try await database.schema(SurveyResponse.schema).field("age_band", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX response_drafts_invitation ON response_drafts (invitation_id)").run()
        try await sql.raw("CREATE INDEX invitations_questionnaire ON invitations (questionnaire_id)").run()
        try await sql.raw("CREATE INDEX invitations_send_after ON invitations (send_after)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX response_drafts_invitation").run()
        try await sql.raw("DROP INDEX invitations_questionnaire").run()
        try await sql.raw("DROP INDEX invitations_send_after").run()
        try await database.schema(ResponseDraft.schema).deleteField("invitation_id").update()
        try await database.schema(SurveyResponse.schema).deleteField("team_id").update()
        try await database.schema(SurveyResponse.schema).deleteField("age_band").update()
    }
}
