import FluentKit
import SQLKit

/// The mailer looks for due mails every minute. It searched every invitation ever sent on or
/// before now (by `send_after`), every one ever mailed (for reminders), and every one for
/// addresses to forget; these indexes hold only the invitations still waiting for a first mail,
/// and those with an address (an address is erased once the invitation is completed,
/// unsubscribed, bounced or expired). Frozen: plain SQL, no live code.
package struct AddInvitationMailIndexes: AsyncMigration {
    package var name: String { "Meedenken.AddInvitationMailIndexes" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "AddInvitationMailIndexes") }
            try await sql.raw(
                "CREATE INDEX invitations_awaiting_first_mail ON invitations (send_after) WHERE first_mailed_at IS NULL AND email IS NOT NULL"
            ).run()
            try await sql.raw("CREATE INDEX invitations_reachable_by_last_mail ON invitations (last_mailed_at) WHERE email IS NOT NULL").run()
            try await sql.raw("CREATE INDEX invitations_reachable_by_expiry ON invitations (expires_at) WHERE email IS NOT NULL").run()
        }
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DROP INDEX invitations_awaiting_first_mail").run()
        try await sql.raw("DROP INDEX invitations_reachable_by_last_mail").run()
        try await sql.raw("DROP INDEX invitations_reachable_by_expiry").run()
    }
}
