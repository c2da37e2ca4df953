import Foundation
import MeedenkenCore
import SQLKit

/// A "Mijn gegevens" link to insert (only its token's hash): every mail to a member carries one,
/// and a panel send mails thousands of members at once.
package struct NewPanelManageLink: Sendable {
    package let memberID: UUID
    package let tokenHash: String
    package let expiresAt: Date

    package init(memberID: UUID, tokenHash: String, expiresAt: Date) {
        self.memberID = memberID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}

extension Store {
    /// The active members (confirmed, not paused) with these address hashes (`PanelMember.hash`).
    package func panelMemberIDs(emailHashes: [String]) async throws -> [String: UUID] {
        var found: [String: UUID] = [:]
        for batch in Array(Set(emailHashes)).inBatches(of: 500) {
            let rows = try await sql.raw(
                "SELECT id, email_hash FROM panel_members WHERE status = 'active' AND email_hash IN (\(binds: Array(batch)))"
            ).all()
            for row in rows { found[try row.decode(column: "email_hash", as: String.self)] = try row.decode(column: "id", as: UUID.self) }
        }
        return found
    }

    package func insertPanelManageLinks(_ links: [NewPanelManageLink], now: Date) async throws {
        for batch in links.inBatches(of: 500) {
            var insert = sql.insert(into: "panel_links").columns("id", "member_id", "purpose", "token_hash", "expires_at", "created_at")
            for link in batch {
                insert = insert.values(
                    SQLBind(UUID.random()), SQLBind(link.memberID), SQLBind(PanelLink.Purpose.manage.rawValue), SQLBind(link.tokenHash),
                    SQLBind(link.expiresAt), SQLBind(now))
            }
            try await insert.run()
        }
    }
}

extension Store {
    /// Uses up a single-use link: true for the one request that deleted it (two presses at once
    /// confirm once).
    package func useUpPanelLink(_ id: UUID) async throws -> Bool {
        try await sql.raw("DELETE FROM panel_links WHERE id = \(bind: id) RETURNING id").first() != nil
    }
}
