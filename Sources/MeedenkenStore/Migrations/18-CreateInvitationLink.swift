import FluentKit
import Foundation

package struct CreateInvitationLink: AsyncMigration {
    package var name: String { "Meedenken.CreateInvitationLink" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("invitation_links")
            .id()
            .field("invitation_id", .uuid, .required, .references("invitations", .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("invitation_links").delete()
    }
}
